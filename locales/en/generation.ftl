# Drafts, model and parameter menus, generation status and results.
generation-mode-text = ⚙️ <b>Text to image</b>
generation-mode-edit = ⚙️ <b>Edit with { $count } reference image(s)</b>
generation-draft =
    { $mode }

    <blockquote>{ $prompt }</blockquote>

    🤖 Model: <b>{ $model }</b>
    { $params }
generation-draft-balance = 💰 Balance: { $balance } credits
generation-draft-trial = 🎁 Free generations left: { $count }
generation-param-line = { $name }: <b>{ $value }</b>
btn-generate = 🚀 Generate — { $price } credits
btn-generate-trial = 🚀 Generate — free
btn-model = 🤖 Model: { $model }
btn-param = { $name }: { $value }
btn-param-default = Default
generation-param-aspect_ratio = 📐 Aspect ratio
generation-param-size = 📏 Size
generation-param-resolution = 🖥 Resolution
generation-param-quality = ✨ Quality
generation-param-input_fidelity = 🎯 Input fidelity
generation-choose-model = 🤖 <b>Choose a model</b>
generation-model-line = { $emoji } <b>{ $name }</b> — { $stars } · { $time } · { $price } credits
generation-time-seconds = { $min }–{ $max } s
generation-time-minutes = { $min }–{ $max } min
generation-choose-param = { $name }: choose a value
generation-prompt-too-long = ✂️ The description is too long: { $length } characters. The limit is { $limit }. Please shorten it and send it again.
generation-prompt-empty = ✍️ Please describe the image in words.
generation-ask-prompt =
    🖼 Got { $count } image(s).

    ✍️ Now send a text that says what to do with them.
generation-too-many-references = 🖼 { $model } accepts at most { $limit } reference image(s); you sent { $count }. Choose another model or send fewer images.
generation-not-an-image = 📎 “{ $name }” is not a JPEG, PNG or WebP image. Please send a photo or an image file.
generation-file-too-large = 📦 “{ $name }” is larger than { $limit } MB. Please send a smaller image.
generation-album-too-large = 🖼 An album can have at most 10 images.
generation-insufficient-credits =
    💳 Not enough credits: this generation costs { $price }, your balance is { $balance }.

    Top up with /topup.
generation-parallel-limit = ⏳ You already have { $limit } generation(s) running. Please wait until one finishes.
generation-provider-paused = 🛠 Image generation is temporarily paused for maintenance. Your credits are safe; please try again a little later.
generation-model-unavailable = 🤖 This model is not available right now. Please choose another one.
generation-draft-expired = This draft is no longer active. Send a new description to start again.
generation-already-started = ⏳ This generation has already started.
generation-status-queued = ⏳ <b>Queued</b> · { $model }
generation-status-processing = 🎨 <b>Generating…</b> · { $model }
generation-status-done = ✅ <b>Done</b> · { $model }
generation-status-failed =
    ❌ <b>The generation did not work</b> · { $model }
    { $reason }
generation-refunded = 💰 { $credits } credits were returned to your balance.
generation-trial-returned = 🎁 Your free generation was returned.
generation-failed-provider_failed = The image service could not create this image.
generation-failed-content_blocked = The image service's safety filter blocked this request. Try rewording the description.
generation-failed-timeout = The image service took too long to answer.
generation-failed-submit_rejected = The image service refused the request.
generation-failed-submit_unknown = The image service did not answer.
generation-failed-reference_unavailable = A reference image could not be read.
generation-failed-delivery_failed = The finished image could not be delivered.
generation-failed-nsfw_blocked = The result was flagged as unsafe and was not delivered.
generation-failed-internal = Something went wrong on our side.
generation-result-caption =
    🤖 #{ $hashtag }
    <blockquote>{ $prompt }</blockquote>
btn-retry = 🔁 Retry
btn-regenerate = 🔁 Regenerate
generation-value-auto = Auto
generation-value-low = Low
generation-value-medium = Medium
generation-value-high = High
generation-references-over-limit = ⚠️ { $model } takes at most { $limit } reference image(s); this draft has { $count }.
generation-provider-balance-alert =
    ⚠️ <b>The Wavespeed balance is low</b>: ${ $balance } (threshold ${ $threshold }).

    New generations are paused until the account is topped up; generations already running continue.
