# Image tools for a picture sent without a prompt: the offer, each tool's screen, statuses and the result.
btn-tool = { $emoji } { $tool } — { $price }
tool-price = { $credits } cr
tool-price-from = from { $credits } cr
tool-screen-title = { $emoji } <b>{ $tool }</b>
tool-option-line = { $name }: <b>{ $value }</b>
tool-screen-price = 💰 Price: <b>{ $price }</b> · balance: { $balance }
btn-tool-start = ✅ Start — { $price }
tool-name-watermark = Remove watermark
tool-name-upscale = Upscale
tool-name-denoise = Denoise
tool-name-restore = Restore
tool-name-enhance = Enhance
tool-about-watermark = Removes watermarks, logos and captions from the picture.
tool-about-upscale = Enlarges the picture to 2K, 4K or 8K and keeps it sharp.
tool-about-denoise = Removes grain and noise, for example from a photo taken in low light.
tool-about-restore = Repairs dust and scratches on old photos and scans.
tool-about-enhance = Improves sharpness and detail; choose the mode that fits the picture.
tool-param-target_resolution = 🖥 Resolution
tool-param-model = 🎛 Mode
tool-param-size = 📏 Size
tool-value-normal = Normal
tool-value-strong = Strong
tool-value-extreme = Extreme
tool-value-dust-scratch = Dust and scratches
tool-value-dust-scratch-v2 = Dust and scratches V2
tool-status-queued = ⏳ <b>Queued</b> · { $tool }
tool-status-processing = 🛠 <b>Working on it…</b> · { $tool }
tool-status-done = ✅ <b>Done</b> · { $tool }
tool-status-failed =
    ❌ <b>The tool did not work</b> · { $tool }
    { $reason }
tool-result-caption = { $emoji } <b>{ $tool }</b>{ $options }
tool-already-started = ⏳ This picture is already being processed.
tool-unavailable = 🛠 This tool is not available right now.
tool-insufficient-credits =
    💳 Not enough credits: this tool costs { $price }, your balance is { $balance }.

    Top up with /topup.
