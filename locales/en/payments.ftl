# Top-ups with Telegram Stars, payment confirmations, refunds and payment alerts.
money-credits = { $count } { $count ->
    [one] credit
   *[other] credits
    }
topup-title =
    ⭐ <b>Top up your balance</b>

    You pay with Telegram Stars: { $rateStars } ⭐ = { $rateCredits }.
    Your balance: { $balance }

    Choose an amount or enter your own.
topup-preset = { $stars } ⭐ → { $credits }
btn-topup-custom = ✍️ Another amount
topup-custom-ask =
    ✍️ How many Stars do you want to spend?

    Send a whole number from { $min } to { $max }.
topup-error-not-a-number = ⚠️ Please send digits only, for example 250.
topup-error-too-small = ⚠️ The minimum is { $min } ⭐. Please send a larger number.
topup-error-too-large = ⚠️ The maximum is { $max } ⭐. Please send a smaller number.
topup-disabled = ⏸ Top-ups are paused right now. Please try again later.
topup-confirm =
    🧾 <b>Confirm your top-up</b>

    You will receive <b>{ $credits }</b> for <b>{ $stars } ⭐</b>.
    That is enough for about { $generations }.
btn-topup-pay = ✅ Pay { $stars } ⭐
btn-topup-cancel = ✖️ Cancel
topup-cancelled = Top-up cancelled.
topup-invoice-title = { $credits }
topup-invoice-description = { $credits } for your Bananapics balance, added right after the payment.
topup-invoice-sent = 👇 Your invoice is below. Press “Pay” to complete the top-up.
payment-credited =
    ✅ <b>Payment received</b>

    +{ $credits } for { $stars } ⭐
    Balance: <b>{ $balance }</b>
payment-unmatched =
    ⚠️ We received your payment of { $stars } ⭐ but could not match it to a top-up.

    Our team has been notified and will sort it out. You can also write to /paysupport.
payment-refunded =
    ↩️ <b>Payment refunded</b>

    { $stars } ⭐ went back to you, and { $credits } were taken from your balance.
    Balance: <b>{ $balance }</b>
payment-refused-payments-disabled = Top-ups are paused right now. Please try again later.
payment-refused-order-not-found = This invoice is not valid. Please start a new top-up with /topup.
payment-refused-order-not-yours = This invoice was made for another account. Please start your own top-up with /topup.
payment-refused-order-already-paid = This invoice has already been paid. Check your balance with /profile.
payment-refused-order-expired = This invoice has expired. Please start a new top-up with /topup.
payment-refused-amount-mismatch = The amount does not match this invoice. Please start a new top-up with /topup.
payment-alert-unmatched =
    🚨 <b>Stars payment without credits</b>

    A payment of { $stars } ⭐ matches no top-up, so no credits were granted.
    Reason: { $reason }
    Payer: <code>{ $payerId }</code>
    Charge: <code>{ $chargeId }</code>
    Payload: <code>{ $payload }</code>

    Credit it by hand or refund it.
payment-alert-reason-order-not-found = no order has this payload
payment-alert-reason-payer-mismatch = the order belongs to another user
payment-alert-reason-amount-mismatch = the amount differs from the order
