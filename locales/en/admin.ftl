# The admin menu (/admin, ADMIN_IDS only), the audit trail and the daily report.
admin-menu-title =
    🛠 <b>Admin</b>

    Choose a section.
admin-btn-stats = 📊 Statistics
admin-btn-users = 👥 Users
admin-btn-broadcasts = 📢 Broadcasts
admin-btn-provider = 🌊 Provider
admin-btn-menu = ⬅️ Admin menu
admin-btn-cancel = ❌ Cancel
admin-btn-refresh = 🔄 Refresh
admin-cancelled = Cancelled.

admin-stats =
    📊 <b>Statistics</b>

    <b>Users</b>
    Total { $usersTotal } · banned { $banned } · blocked the bot { $blockedBot }
    New: today { $newToday } · 7 days { $new7d } · 30 days { $new30d }
    Active: 7 days { $active7d } · 30 days { $active30d }
    Paying: { $paying }

    <b>Revenue</b>
    ⭐ today { $revenueToday } · 7 days { $revenue7d } · 30 days { $revenue30d } · total { $revenueTotal }

    <b>Generations</b>
    Total { $generations } · ✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress }
    Success rate: { $successRate }
    { $byModel }

    <b>Credits</b>
    Bought { $bought } · spent { $spent } · refunded { $refunded }
    Taken back by Stars refunds { $reversed } · referral bonuses { $bonuses } · admin adjustments { $adjustments }

    <b>Provider balance</b>: { $providerBalance }
admin-stats-model = • { $model }: { $total } (✅ { $delivered } · ❌ { $failed })
admin-stats-no-models = No generations yet.
admin-rate = { $percent } %
admin-rate-none = —
admin-balance-usd = ${ $amount }
admin-balance-unknown = unknown

admin-provider =
    🌊 <b>Provider</b>

    Balance: { $balance }
    Queue: { $waiting } waiting · { $running } at the provider
    Last 24 hours: { $total24 } · ✅ { $delivered24 } · ❌ { $failed24 } · success { $rate24 }
    Last 7 days: { $total7 } · ✅ { $delivered7 } · ❌ { $failed7 } · success { $rate7 }

    <b>Recent failures</b>
    { $failures }
admin-provider-failure = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $model } · { $code } · #{ $generationId } (user { $userId })
admin-provider-no-failures = None.

admin-users-ask = 👥 Send a Telegram id, @username, part of a name or a referral code.
admin-users-none = Nobody matches “{ $query }”. Try again, or cancel.
admin-users-results = Found { $count }. Choose one:
admin-user-button = { $banned }{ $name } · { $balance } cr
admin-user-card =
    👤 <b>{ $name }</b> · { $username }
    Telegram id <code>{ $telegramId }</code> · our id { $userId }
    Language { $locale } · joined { DATETIME($joined, dateStyle: "short") } · last seen { DATETIME($lastSeen, dateStyle: "short", timeStyle: "short") }
    Status: { $status }

    Balance: <b>{ $balance }</b> credits · free generations used { $trialUsed }
    Generations: { $generations } (✅ { $delivered } · ❌ { $failed } · ⏳ { $inProgress })
    Payments: { $payments } · ⭐ { $stars } · refunded { $refundedPayments }
    Invited by: { $referrer }
    Referral code: { $referralCode } · joined through it { $invited }
    Broadcasts: { $broadcasts }

    <b>Latest admin actions</b>
    { $actions }
admin-status-active = active
admin-status-banned = ⛔️ banned ({ $reason })
admin-status-blocked = 🚫 blocked the bot
admin-status-erased = 🗑 account erased
admin-broadcasts-on = on
admin-broadcasts-off = off
admin-card-action = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · { $action } · by { $admin } · { $reason }
admin-card-no-actions = None.
admin-action-credits-adjusted = credits adjusted
admin-action-user-banned = banned
admin-action-user-unbanned = unbanned
admin-action-generation-refunded = generation refunded
admin-action-payment-refunded = Stars payment refunded
admin-action-account-erased = account erased
admin-action-broadcast-started = broadcast started
admin-action-broadcast-paused = broadcast paused
admin-action-broadcast-resumed = broadcast resumed
admin-action-broadcast-cancelled = broadcast cancelled
admin-action-support-replied = support answered
admin-action-setting-changed = setting changed
admin-action-model-changed = model changed
admin-action-broadcast-created = broadcast drafted
admin-action-admin-signed-in = signed in to the panel
admin-action-admin-signed-out = signed out of the panel
admin-btn-delete = 🗑 Delete account
admin-delete-choose =
    🗑 <b>Delete this account now?</b>

    Only for a deletion request support has verified, or an account reported as a child's. Choose the reason:
admin-btn-delete-request = ✅ Verified deletion request
admin-btn-delete-child = 👶 A child's account
admin-delete-reason-admin-request = verified deletion request
admin-delete-reason-child-account = a child's account
admin-delete-confirm =
    🗑 Erase the account of <b>{ $name }</b> for good ({ $reason })?

    Their data is deleted or anonymized, and the balance of { $balance } credits is forfeited. This cannot be undone.
admin-btn-delete-confirm = 🗑 Yes, erase it now
admin-delete-done = ✅ The account was erased. Credits forfeited: { $forfeited }.
admin-delete-deferred = ⏳ The account is marked for deletion and the bot no longer serves it; it is erased as soon as its { $count } running generations finish and its { $posts } gallery posts are removed.
admin-btn-adjust = 💰 Adjust credits
admin-btn-ban = ⛔️ Ban
admin-btn-unban = ✅ Unban
admin-btn-generations = 🎨 Generations
admin-btn-payments = ⭐ Payments
admin-btn-back-to-user = ⬅️ Back to the user

admin-adjust-ask =
    💰 Send the change and the reason in one message, for example:
    <code>+500 compensation for the outage</code>
    <code>-200 duplicate purchase</code>
admin-adjust-format = Start with a whole number of credits (+ to add, − to take), then the reason.
admin-adjust-done = ✅ Balance changed by { $delta }: now { $balance } credits.
admin-adjust-insufficient = ❌ Cannot take { $amount } credits: the balance is only { $balance }. Nothing was changed.

admin-ban-ask = ⛔️ Send the reason for the ban. The user will see it.
admin-unban-ask = ✅ Send the reason for lifting the ban (kept in the audit log).
admin-ban-done = ⛔️ Banned. The user was told, with the reason.
admin-ban-done-untold = ⛔️ Banned. The user could not be told: they blocked the bot.
admin-unban-done = ✅ Unbanned. The user was told.
admin-unban-done-untold = ✅ Unbanned. The user could not be told: they blocked the bot.
admin-notice-unbanned = ✅ Your access to Bananapics has been restored. Welcome back!

admin-generations =
    🎨 <b>Latest generations</b>

    { $list }

    A refund is possible once per generation, for finished paid generations only.
admin-generations-none = No generations.
admin-generation-line = • #{ $id } · { $model } · { $status } · { $paid }{ $refunded } · { DATETIME($date, dateStyle: "short", timeStyle: "short") }
admin-generation-price = { $credits } cr
admin-generation-trial = free trial
admin-generation-refunded = , refunded
admin-btn-refund-generation = ↩️ Refund #{ $id } ({ $credits } cr)
admin-btn-confirm-refund = ✅ Yes, refund
admin-refund-generation-confirm = Refund <b>{ $credits }</b> credits for generation #{ $id } ({ $model })?
admin-refund-generation-done = ✅ Generation #{ $id } refunded: +{ $credits } credits, balance { $balance }.

admin-payments =
    ⭐ <b>Latest payments</b>

    { $list }
admin-payments-none = No payments.
admin-payment-line = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } cr · { $status } · <code>{ $chargeId }</code>
admin-btn-refund-payment = ↩️ Refund ⭐ { $stars } ({ $credits } cr)
admin-refund-payment-confirm =
    Refund <b>{ $stars } Stars</b> to the user and take back up to { $credits } credits?
    Charge <code>{ $chargeId }</code>
admin-refund-payment-done = ✅ { $stars } Stars refunded. Credits taken back: { $deducted } (already spent: { $shortfall }).
admin-refund-payment-already = ℹ️ Telegram had already refunded these { $stars } Stars. Credits taken back: { $deducted } (already spent: { $shortfall }).
admin-refund-payment-failed = ❌ Telegram refused the refund: { $description }. Nothing was changed.

admin-error-user-not-found = This user does not exist or their account was erased.
admin-error-reason-required = A reason is required.
admin-error-reason-too-long = The reason is too long: at most { $max } characters.
admin-error-amount = The amount must be a whole number of credits other than 0.
admin-error-not-banned = This user is not banned.
admin-error-generation-not-found = There is no such generation.
admin-error-trial-generation = This was a free trial generation: there are no credits to refund.
admin-error-already-refunded = This generation has already been refunded.
admin-error-generation-running = This generation is still running; if it fails, it is refunded automatically.
admin-error-payment-not-found = There is no such payment for this user.

admin-report =
    📈 <b>Daily report</b> · { $date } (last 24 hours)

    👥 Users: { $users } · new { $newUsers } · active { $activeUsers }
    🎨 Generations: { $generations } · ✅ { $delivered } · ❌ { $failed } · success { $successRate }
    🏆 Top models:
    { $topModels }
    💳 Credits: bought { $bought } · spent { $spent } · refunded { $refunded }
    ⭐ Revenue: { $revenue } Stars
admin-report-model = { $place }. { $model } — { $count }
admin-report-no-models = none
