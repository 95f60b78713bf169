# Пополнение через Telegram Stars, подтверждения оплаты, возвраты и оповещения о платежах.
money-credits = { $count } { $count ->
    [one] кредит
    [few] кредита
   *[many] кредитов
    }
topup-title =
    ⭐ <b>Пополнение баланса</b>

    Оплата через Telegram Stars: { $rateStars } ⭐ = { $rateCredits }.
    Ваш баланс: { $balance }

    Выберите сумму или введите свою.
topup-preset = { $stars } ⭐ → { $credits }
btn-topup-custom = ✍️ Другая сумма
topup-custom-ask =
    ✍️ Сколько звёзд вы хотите потратить?

    Отправьте целое число от { $min } до { $max }.
topup-error-not-a-number = ⚠️ Отправьте только цифры, например 250.
topup-error-too-small = ⚠️ Минимум — { $min } ⭐. Отправьте число побольше.
topup-error-too-large = ⚠️ Максимум — { $max } ⭐. Отправьте число поменьше.
topup-disabled = ⏸ Пополнение сейчас приостановлено. Попробуйте позже.
topup-confirm =
    🧾 <b>Подтвердите пополнение</b>

    Вы получите <b>{ $credits }</b> за <b>{ $stars } ⭐</b>.
    Этого хватит примерно на { $generations }.
btn-topup-pay = ✅ Оплатить { $stars } ⭐
btn-topup-cancel = ✖️ Отмена
topup-cancelled = Пополнение отменено.
topup-invoice-title = { $credits }
topup-invoice-description = { $credits } на баланс Bananapics, зачисляются сразу после оплаты.
topup-invoice-sent = 👇 Счёт ниже. Нажмите «Оплатить», чтобы завершить пополнение.
payment-credited =
    ✅ <b>Оплата получена</b>

    +{ $credits } за { $stars } ⭐
    Баланс: <b>{ $balance }</b>
payment-unmatched =
    ⚠️ Мы получили ваш платёж на { $stars } ⭐, но не смогли сопоставить его с пополнением.

    Наша команда уже знает об этом и всё исправит. Вы также можете написать в /paysupport.
payment-refunded =
    ↩️ <b>Платёж возвращён</b>

    { $stars } ⭐ вернулись к вам, а с баланса списано: { $credits }.
    Баланс: <b>{ $balance }</b>
payment-refused-payments-disabled = Пополнение сейчас приостановлено. Попробуйте позже.
payment-refused-order-not-found = Этот счёт недействителен. Начните новое пополнение командой /topup.
payment-refused-order-not-yours = Этот счёт выставлен другому аккаунту. Начните своё пополнение командой /topup.
payment-refused-order-already-paid = Этот счёт уже оплачен. Проверьте баланс командой /profile.
payment-refused-order-expired = Срок действия счёта истёк. Начните новое пополнение командой /topup.
payment-refused-amount-mismatch = Сумма не совпадает со счётом. Начните новое пополнение командой /topup.
payment-alert-unmatched =
    🚨 <b>Платёж в звёздах без начисления кредитов</b>

    Платёж на { $stars } ⭐ не соответствует ни одному пополнению, кредиты не начислены.
    Причина: { $reason }
    Плательщик: <code>{ $payerId }</code>
    Платёж: <code>{ $chargeId }</code>
    Payload: <code>{ $payload }</code>

    Начислите кредиты вручную или верните платёж.
payment-alert-reason-order-not-found = заказа с таким payload нет
payment-alert-reason-payer-mismatch = заказ принадлежит другому пользователю
payment-alert-reason-amount-mismatch = сумма отличается от суммы заказа
