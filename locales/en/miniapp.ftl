# The Mini App (web/miniapp) and the bot's ways into it. The app formats these in the browser with a
# small Fluent subset (web/miniapp/src/i18n/fluent-lite.ts): plain text, { $variables } and plural
# selectors only; no HTML. test/http/miniapp/miniapp-locales.test.ts checks it against Fluent itself.

## In the bot
btn-open-app = 📱 Open the app
miniapp-menu-button = App
miniapp-reference-caption = 📎 Reference image added in the app

## Entry and errors
miniapp-title = Bananapics
miniapp-loading = Loading…
miniapp-open-from-bot = This app works inside Telegram. Open it from the bot.
miniapp-open-bot = Open @{ $bot }
miniapp-error-init_data_expired = This session has expired. Close the app and open it again from the bot.
miniapp-error-init_data_invalid = Telegram did not confirm who you are. Close the app and open it again from the bot.
miniapp-error-unauthorized = Telegram did not confirm who you are. Close the app and open it again from the bot.
miniapp-error-not_registered = Open the bot and press Start first.
miniapp-error-banned = Your account is blocked. If you think this is a mistake, write to support in the bot.
miniapp-error-policy_not_accepted = Open the bot and accept the Terms and the Privacy Policy first.
miniapp-error-network = No connection. Check the internet and try again.
miniapp-error-generic = Something went wrong. Please try again.
miniapp-crashed = The app ran into a problem.
miniapp-reload = Reload
miniapp-retry = Try again

## Wallet
miniapp-credits = { $count } { $count ->
    [one] credit
   *[other] credits
    }
miniapp-free-left = 🎁 { $count } free
miniapp-top-up = Top up
miniapp-balance = Balance
miniapp-price = Price
miniapp-free = Free

## History
miniapp-feed-empty = No images yet. Describe one below and press Generate.
miniapp-loading-more = Loading more…
miniapp-phase-queued = Queued
miniapp-phase-processing = Generating…
miniapp-phase-done = Done
miniapp-phase-failed = Did not work
miniapp-source-bot = from the chat
miniapp-references = Reference images: { $count }
miniapp-refunded = { $credits } returned to your balance.
miniapp-trial-returned = Your free generation was returned.
miniapp-failed-provider_failed = The image service could not create this image.
miniapp-failed-content_blocked = The image service's safety filter blocked this request. Try rewording the description.
miniapp-failed-timeout = The image service took too long to answer.
miniapp-failed-submit_rejected = The image service refused the request.
miniapp-failed-submit_unknown = The image service did not answer.
miniapp-failed-reference_unavailable = A reference image could not be read.
miniapp-failed-delivery_failed = The finished image could not be delivered.
miniapp-failed-nsfw_blocked = The result was flagged as unsafe and was not delivered.
miniapp-failed-internal = Something went wrong on our side.
miniapp-copy-prompt = Copy prompt
miniapp-copied = Prompt copied
miniapp-copy-failed = Could not copy the prompt
miniapp-regenerate = Regenerate
miniapp-download = Download
miniapp-close = Close
miniapp-open-image = Open image

## Regenerate
miniapp-regenerate-title = Generate again?
miniapp-regenerate-text = The same description, model, settings and images.
miniapp-confirm-generate = Generate
miniapp-cancel = Cancel

## Composer
miniapp-prompt-placeholder = Describe the image…
miniapp-prompt-label = Description
miniapp-attach = Attach images
miniapp-remove-image = Remove image
miniapp-uploading = Uploading…
miniapp-generate = Generate · { $price }
miniapp-top-up-to-generate = Top up to generate
miniapp-model = Model
miniapp-choose-model = Choose a model
miniapp-seconds = { $min }–{ $max } s
miniapp-minutes = { $min }–{ $max } min
miniapp-price-range = { $min }–{ $max } credits
miniapp-max-references = up to { $count } images
miniapp-param-aspect_ratio = Aspect ratio
miniapp-param-size = Size
miniapp-param-resolution = Resolution
miniapp-param-quality = Quality
miniapp-param-input_fidelity = Input fidelity
miniapp-param-default = Default
miniapp-value-auto = Auto
miniapp-value-low = Low
miniapp-value-medium = Medium
miniapp-value-high = High
miniapp-started = Started. The result will also arrive in the chat.

## Refusals
miniapp-error-prompt_empty = Please describe the image in words.
miniapp-error-prompt_too_long = The description is too long: { $length } characters. The limit is { $limit }.
miniapp-error-too_many_references = This model takes at most { $limit } reference images. Remove some or choose another model.
miniapp-error-reference_invalid = An attached image has expired. Remove it and attach it again.
miniapp-error-not_an_image = “{ $name }” is not a JPEG, PNG or WebP image.
miniapp-error-file_too_large = “{ $name }” is larger than { $limit } MB.
miniapp-error-upload_failed = Could not upload “{ $name }”.
miniapp-error-too_many_uploads = Too many images at once. Please wait a few minutes.
miniapp-error-chat_unavailable = The bot cannot write to you. Unblock the bot and try again.
miniapp-error-model_unavailable = This model is not available right now. Please choose another one.
miniapp-error-invalid_parameters = These settings are not available any more. Please choose again.
miniapp-error-price_changed = The price has changed to { $price } credits. Check it and press Generate again.
miniapp-error-insufficient_funds = Not enough credits: this costs { $price }, your balance is { $balance }.
miniapp-error-parallel_limit = You already have { $limit } generations running. Please wait until one finishes.
miniapp-error-provider_paused = Image generation is paused for maintenance. Your credits are safe; please try again later.
miniapp-error-already_started = This generation has already started.
miniapp-error-not_found = This generation was not found.

## Top-up
miniapp-top-up-title = Top up with Telegram Stars
miniapp-top-up-preset = { $stars } ⭐ → { $credits }
miniapp-top-up-paid = Payment received. The credits will appear in a moment.
miniapp-top-up-cancelled = Payment cancelled.
miniapp-top-up-failed = The payment did not go through.
miniapp-top-up-pending = The payment is being processed.
miniapp-top-up-outside-telegram = Payments open only inside Telegram. In the sandbox, pay with /topup in the chat.
miniapp-error-payments_disabled = Top-ups are paused right now. Please try again later.
miniapp-error-amount_invalid = This amount cannot be bought.

# Image tools' runs in the history: they have no prompt, so the card names the tool (as tools.ftl does).
miniapp-kind-tool = Image tool
miniapp-tool-watermark = Remove watermark
miniapp-tool-upscale = Upscale
miniapp-tool-denoise = Denoise
miniapp-tool-restore = Restore
miniapp-tool-enhance = Enhance
miniapp-tool-value-normal = Normal
miniapp-tool-value-strong = Strong
miniapp-tool-value-extreme = Extreme
miniapp-tool-value-dust-scratch = Dust and scratches
miniapp-tool-value-dust-scratch-v2 = Dust and scratches V2
