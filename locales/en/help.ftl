# Help, support and command descriptions.
help-text =
    ❓ <b>How Bananapics works</b>

    1. Send a text description of an image.
    2. Choose a model and options; the price is on the button.
    3. Press Generate and get your image as a file.

    To edit, send a photo (or an album of up to 10) with a caption that says what to change.

    Send a photo without a caption to remove a watermark, upscale, denoise, restore or enhance it.

    <b>Commands</b>
    /start — main menu
    /profile — your balance
    /topup — buy credits with Stars
    /history — balance history
    /images — your images, to send again
    /referral — invite friends and earn credits
    /language — change language
    /settings — settings
    /mydata — what we store about you
    /export — download your data
    /deleteme — delete your account
    /privacy — privacy policy
    /terms — terms of service
    /support — contact support
    /paysupport — help with payments
    /help — this message
support-text =
    💬 <b>Support</b>

    Write your question in your next message, as text or a photo: describe what happened and, if it is about an image, when you made it. We will answer here, in this chat, usually within 24 hours.

    You can also write to { $contact } or { $email }.
paysupport-text =
    💳 <b>Payment support</b>

    If something went wrong with a purchase made with Telegram Stars (credits not added, a failed generation, a refund request), describe it in your next message, with the date and the amount of Stars. We will answer here, in this chat.
    You can also write to { $contact } or { $email }.

    Telegram support cannot help with purchases made in this bot: we handle every payment question ourselves, usually within 24 hours.
cmd-start = Main menu
cmd-profile = Profile and balance
cmd-topup = Top up with Stars
cmd-history = Balance history
cmd-images = My images
cmd-referral = Invite friends
cmd-help = How it works
cmd-language = Change language
cmd-settings = Settings
cmd-mydata = What we store about you
cmd-export = Download your data
cmd-deleteme = Delete your account
cmd-privacy = Privacy policy
cmd-terms = Terms of service
cmd-support = Contact support
cmd-paysupport = Help with payments
