# Referral program: the /referral screen, its share button, the invitee's welcome gift, notices to referrers.
referral-title = 🤝 <b>Invite friends</b>
referral-rule-join = 🎁 { $credits } for every friend who joins through your link and accepts the terms.
referral-rule-purchase = 💸 { $percent }% of the credits your friends buy, on every purchase.
referral-rule-welcome = 👋 Friends who join through your link get { $credits } as a welcome gift.
referral-no-rewards = 👋 Share Bananapics with your friends.
referral-link =
    🔗 Your link (tap to copy):
    <code>{ $link }</code>
referral-stats =
    👥 Friends joined: <b>{ $count }</b>
    💰 Earned: <b>{ $earned }</b>
referral-share-text = Turn words and photos into images with Bananapics 🍌
btn-referral = 🤝 Invite friends
btn-referral-share = 📤 Share the link
referral-welcome-bonus = 🎁 You joined through an invitation: { $credits } have been added to your balance.
referral-notice-joined = 🤝 Someone joined Bananapics through your link: +{ $credits } to your balance.
referral-notice-joined-no-bonus = 🤝 Someone joined Bananapics through your link.
referral-notice-purchase = 💸 Someone you invited bought credits: +{ $credits } to your balance.
referral-notice-reversed = ↩️ A purchase by someone you invited was refunded, so its bonus was taken back: −{ $credits }.
# /history labels of the referral program's own ledger kinds.
ledger-kind-referral-purchase-reversal = ↩️ Referral bonus taken back
ledger-kind-referral-welcome-bonus = 🎁 Welcome gift
