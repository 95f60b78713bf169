# Broadcasts: the admin's wizard, the live progress message and the summary.
broadcast-list =
    📢 <b>Broadcasts</b>

    { $list }
broadcast-list-none = No broadcasts yet.
broadcast-list-line = • #{ $id } · { $status } · { $total } recipients · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
broadcast-btn-new = ➕ New broadcast
broadcast-btn-open = 📢 #{ $id }
broadcast-ask-content =
    📢 Send the message to broadcast: text with formatting, a photo, video, animation, document, audio or sticker.
    Every recipient gets an exact copy.
broadcast-content-unsupported = This kind of message cannot be broadcast. Send text, a photo, video, animation, document, audio or sticker (one item, not an album).
broadcast-preview-title = 👁 This is what recipients will get:
broadcast-ask-audience =
    👥 Who should get it? Banned users, users who blocked the bot and users who turned broadcasts off are never included.
broadcast-audience-button = { $audience } · { $count }
broadcast-audience-all = Everyone
broadcast-audience-active-7d = Active 7 days
broadcast-audience-active-30d = Active 30 days
broadcast-audience-with-balance = With a balance
broadcast-audience-paying = Paying users
broadcast-audience-new-7d = New in 7 days
broadcast-audience-language = Language: { $language }
broadcast-ask-button-choice = Audience: <b>{ $audience }</b>. Add a link button under the message?
broadcast-btn-add-button = 🔗 Add a button
broadcast-btn-no-button = No button
broadcast-ask-button =
    🔗 Send the button text and the link, separated by “|”, for example:
    <code>Open the shop | https://example.com</code>
broadcast-confirm =
    📢 <b>Broadcast #{ $id }</b>

    Content: { $kind }
    Audience: { $audience } · <b>{ $count }</b> recipients now
    Button: { $button }

    Start sending?
broadcast-no-button = none
broadcast-kind-text = text
broadcast-kind-photo = photo
broadcast-kind-video = video
broadcast-kind-animation = animation
broadcast-kind-document = document
broadcast-kind-audio = audio
broadcast-kind-sticker = sticker
broadcast-btn-preview = 👁 Preview
broadcast-btn-start = 🚀 Start
broadcast-btn-discard = 🗑 Discard
broadcast-preview-shown = 👆 The preview, with the button, exactly as recipients will see it.
broadcast-discarded = 🗑 The draft was discarded.
broadcast-started = 🚀 Broadcast #{ $id } started for { $total } recipients. Progress below.

broadcast-progress =
    📢 <b>Broadcast #{ $id }</b> · { $status }
    { $bar } { $percent } %

    ✅ Sent: { $sent }
    🚫 Blocked the bot: { $blocked }
    ⚠️ Failed: { $failed }
    ⏭ Skipped: { $skipped }
    ⏳ Waiting: { $pending }
    👥 Total: { $total }

    Updated { $time }
broadcast-status-draft = draft
broadcast-status-running = sending
broadcast-status-paused = paused
broadcast-status-completed = finished
broadcast-status-cancelled = cancelled
broadcast-btn-pause = ⏸ Pause
broadcast-btn-resume = ▶️ Resume
broadcast-btn-cancel = ⏹ Cancel
broadcast-btn-refresh = 🔄 Refresh

broadcast-summary =
    🏁 <b>Broadcast #{ $id } { $outcome }</b>

    Delivered: { $sent } of { $total } ({ $percent } %)
    Blocked the bot: { $blocked }
    Failed: { $failed }
    Skipped (left the audience): { $skipped }
    Not sent: { $unsent }
    Took { $seconds } s
broadcast-outcome-completed = finished
broadcast-outcome-cancelled = cancelled

broadcast-error-not-found = There is no such broadcast.
broadcast-error-state = Not possible now: the broadcast is { $status }.
broadcast-error-empty-audience = Nobody is in this audience right now. Choose another one.
broadcast-error-button-text = The button text must be 1 to { $max } characters.
broadcast-error-button-url = The link must start with http:// or https://.

# Essential service notices (privacy policy 6.3): they also reach users who turned broadcasts off.
# The marking line above every copy; plain text, no HTML (it is sent with entities).
broadcast-service-notice = 🔔 Service notice
broadcast-btn-essential = 🔔 Send as a service notice…
broadcast-btn-ordinary = ↩️ Send as an ordinary broadcast
broadcast-btn-essential-confirm = ⚠️ Yes, it is an essential service notice
broadcast-essential-warning =
    ⚠️ <b>Service notice: only for essential information</b>

    A service notice also reaches the users who turned broadcasts off in their settings: { $audience } · <b>{ $count }</b> recipients, <b>{ $optedOut }</b> of them opted out.

    Use it only for what users must know to use the service: a change to the terms or the privacy policy, an outage, a change to payments or to their account. Never for news, new models, offers or promotions: users turned those off, and sending them anyway breaks the privacy policy.

    Every copy starts with the line “🔔 Service notice”. Your confirmation is recorded in the audit log.
broadcast-confirm-essential = 🔔 <b>Essential service notice</b>: { $optedOut } of the recipients turned broadcasts off and get it only because it is essential.
broadcast-error-service-notice-sticker = A sticker cannot be a service notice: send a text (or a photo with a caption) that says what changed.
broadcast-error-service-notice-source-missing = This draft was made before service notices existed. Start a new broadcast to send it as one.
broadcast-error-service-notice-too-long = A service notice has at most { $max } characters, so that the service-notice line fits above it.
