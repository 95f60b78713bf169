# Реферальная программа: экран /referral, кнопка «Поделиться», подарок приглашённому, уведомления пригласившим.
referral-title = 🤝 <b>Пригласите друзей</b>
referral-rule-join = 🎁 { $credits } за каждого друга, который придёт по вашей ссылке и примет условия.
referral-rule-purchase = 💸 { $percent }% от кредитов, которые покупают ваши друзья, — с каждой покупки.
referral-rule-welcome = 👋 Друзья, пришедшие по вашей ссылке, получат в подарок { $credits }.
referral-no-rewards = 👋 Расскажите друзьям о Bananapics.
referral-link =
    🔗 Ваша ссылка (нажмите, чтобы скопировать):
    <code>{ $link }</code>
referral-stats =
    👥 Пришло друзей: <b>{ $count }</b>
    💰 Заработано: <b>{ $earned }</b>
referral-share-text = Превращайте слова и фотографии в картинки с Bananapics 🍌
btn-referral = 🤝 Пригласить друзей
btn-referral-share = 📤 Поделиться ссылкой
referral-welcome-bonus = 🎁 Вы пришли по приглашению: на ваш баланс зачислено { $credits }.
referral-notice-joined = 🤝 По вашей ссылке в Bananapics пришёл новый пользователь: +{ $credits } на ваш баланс.
referral-notice-joined-no-bonus = 🤝 По вашей ссылке в Bananapics пришёл новый пользователь.
referral-notice-purchase = 💸 Приглашённый вами пользователь купил кредиты: +{ $credits } на ваш баланс.
referral-notice-reversed = ↩️ Покупку приглашённого вами пользователя вернули, поэтому бонус за неё списан: −{ $credits }.
# Названия в /history для собственных видов операций реферальной программы.
ledger-kind-referral-purchase-reversal = ↩️ Реферальный бонус списан
ledger-kind-referral-welcome-bonus = 🎁 Подарок за приглашение
