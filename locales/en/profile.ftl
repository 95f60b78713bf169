# Profile: who you are to the bot, your balance and what it buys.
profile-text =
    👤 <b>Profile</b>

    🆔 Telegram ID: <code>{ $telegramId }</code>
    💰 Balance: <b>{ $balance }</b>
    🎨 Enough for about { $generations }
profile-generations = { $count } { $count ->
    [one] generation
   *[other] generations
    }
btn-profile = 👤 Profile
btn-topup = ⭐ Top up
btn-history = 📜 History
