# Balance history: the ledger, page by page.
history-title = 📜 <b>Balance history</b> · page { $page } of { $pages }
history-empty =
    📜 <b>Balance history</b>

    Nothing here yet. Top up your balance with /topup.
history-entry =
    <b>{ $sign }{ $amount }</b> · { $kind }
    { DATETIME($date, dateStyle: "short", timeStyle: "short") } · balance { $balance }
btn-history-newer = ⬅️ Newer
btn-history-older = Older ➡️
ledger-kind-purchase = ⭐ Top-up
ledger-kind-generation-charge = 🎨 Generation
ledger-kind-generation-refund = ↩️ Generation refund
ledger-kind-tool-charge = 🛠 Image tool
ledger-kind-tool-refund = ↩️ Image tool refund
ledger-kind-referral-join-bonus = 🤝 Referral bonus: new user
ledger-kind-referral-purchase-bonus = 🤝 Referral bonus: purchase
ledger-kind-admin-adjustment = 🛡 Adjustment by support
ledger-kind-payment-refund = ↩️ Stars refunded
