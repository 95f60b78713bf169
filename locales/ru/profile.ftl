# Профиль: кто вы для бота, баланс и на что его хватит.
profile-text =
    👤 <b>Профиль</b>

    🆔 Telegram ID: <code>{ $telegramId }</code>
    💰 Баланс: <b>{ $balance }</b>
    🎨 Хватит примерно на { $generations }
profile-generations = { $count } { $count ->
    [one] генерацию
    [few] генерации
   *[many] генераций
    }
btn-profile = 👤 Профиль
btn-topup = ⭐ Пополнить
btn-history = 📜 История
