# Balans tarixi: hisob yozuvlari sahifama-sahifa.
history-title = 📜 <b>Balans tarixi</b> · { $pages } sahifadan { $page }-sahifa
history-empty =
    📜 <b>Balans tarixi</b>

    Hozircha hech narsa yo'q. Balansni /topup orqali to'ldiring.
history-entry =
    <b>{ $sign }{ $amount }</b> · { $kind }
    { DATETIME($date, dateStyle: "short", timeStyle: "short") } · balans { $balance }
btn-history-newer = ⬅️ Yangiroq
btn-history-older = Eskiroq ➡️
ledger-kind-purchase = ⭐ To'ldirish
ledger-kind-generation-charge = 🎨 Generatsiya
ledger-kind-generation-refund = ↩️ Generatsiya uchun qaytarish
ledger-kind-tool-charge = 🛠 Rasm vositasi
ledger-kind-tool-refund = ↩️ Rasm vositasi uchun qaytarish
ledger-kind-referral-join-bonus = 🤝 Referal bonusi: yangi foydalanuvchi
ledger-kind-referral-purchase-bonus = 🤝 Referal bonusi: xarid
ledger-kind-admin-adjustment = 🛡 Qo'llab-quvvatlash tuzatishi
ledger-kind-payment-refund = ↩️ Stars qaytarildi
