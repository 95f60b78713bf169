# Privacy and data rights: /mydata, /export, /deleteme, withdrawing consent, the deletion notice.
privacy-summary-title = 🔒 <b>Your data at Bananapics</b>
privacy-summary-account = 👤 <b>Account</b>: Telegram ID <code>{ $telegramId }</code>, name, username, language and settings.
privacy-summary-consent = ✅ <b>Consent</b>: Terms of Service and Privacy Policy version { $version }, accepted on { DATETIME($date, dateStyle: "long") }.
privacy-summary-no-consent = ✅ <b>Consent</b>: not given yet.
privacy-summary-balance = 💰 <b>Balance</b>: { $balance } · history entries: { $entries } · payments: { $payments }
privacy-summary-generations = 🎨 <b>Generations</b>: { $count } (prompts, parameters, reference images, results)
privacy-summary-referrals = 🤝 <b>Referrals</b>: your invitation link and { $count } referral record(s)
privacy-summary-other = 🗂 <b>Other records</b>: { $count }
privacy-summary-technical = 🛡 <b>Technical data</b>: IP addresses only briefly, for rate limiting; never in our database or logs.
privacy-summary-retention =
    🕒 <b>How long we keep it</b>
    • Account, balance history and payments: while your account is active, then as long as the law and dispute resolution require.
    • Prompts and parameters: indefinitely, for service improvement and dispute resolution, until you delete your account.
    • Generated images: the provider's temporary links expire (typically within 24–72 hours); reference images are kept with their generations.
    • After a deletion request: your personal information is removed within 30 days; payment and balance records stay, anonymized.
privacy-summary-actions =
    /export — a copy of everything we store about you (JSON file)
    /deleteme — delete your account
    /settings — news and gallery preferences
btn-export = 📦 Download my data
btn-delete-account = 🗑 Delete my account
privacy-export-caption = 📦 Everything Bananapics stores about you, as of { DATETIME($date, dateStyle: "long", timeStyle: "short") }. A JSON file with one section per kind of record.
privacy-export-too-soon = ⏳ You can download your data once every { $minutes } minutes. Please try again in { $wait } min.
privacy-delete-title = 🗑 <b>Delete your account?</b>
privacy-withdraw-title =
    ↩️ <b>Withdraw your consent?</b>

    We can only provide the service while you consent to the processing of your data, so withdrawing your consent deletes your account.
privacy-delete-consequences =
    • Your account will be deleted on <b>{ DATETIME($date, dateStyle: "long") }</b>. Until then the bot does nothing for you except let you cancel.
    • We then remove your Telegram ID, name, username, language, settings, prompts, reference and result files and your referral link.
    • Your remaining balance of <b>{ $balance }</b> is forfeited.
    • Payment and balance records are kept anonymized, for legal and fraud-prevention reasons.
privacy-delete-export-hint = 💾 Want a copy first? Send /export before you confirm.
btn-delete-confirm = 🗑 Yes, delete my account
btn-withdraw-confirm = ↩️ Withdraw and delete
btn-delete-keep = ✖️ No, keep it
privacy-delete-kept = 👍 Nothing was deleted. Your account stays as it is.
privacy-deletion-scheduled =
    🗑 <b>Your account will be deleted on { DATETIME($date, dateStyle: "long") }.</b>

    Until then the bot will not process your requests. Changed your mind? Press “Cancel deletion”.
privacy-deletion-pending = ⏳ Your account is scheduled for deletion on <b>{ DATETIME($date, dateStyle: "long") }</b>. Press “Cancel deletion” to keep it.
privacy-deletion-in-progress = ⏳ Your account is being deleted.
btn-deletion-cancel = ↩️ Cancel deletion
privacy-deletion-cancelled = ✅ Deletion cancelled. Your account stays as it was.
privacy-deletion-not-pending = Your account is not scheduled for deletion.
# /history label of the ledger kind written by an erasure.
ledger-kind-account-erasure = 🗑 Balance forfeited on account deletion
privacy-deletion-gallery-removing = 🧹 Your posts in the public gallery channel are being removed now. They do not come back if you cancel the deletion.
