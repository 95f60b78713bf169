# Profil: bot sizni qanday taniydi, balans va u nimaga yetadi.
profile-text =
    👤 <b>Profil</b>

    🆔 Telegram ID: <code>{ $telegramId }</code>
    💰 Balans: <b>{ $balance }</b>
    🎨 Taxminan { $generations } uchun yetadi
profile-generations = { $count } ta generatsiya
btn-profile = 👤 Profil
btn-topup = ⭐ To'ldirish
btn-history = 📜 Tarix
