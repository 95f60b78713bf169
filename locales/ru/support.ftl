# Обращения в поддержку: /support и /paysupport, пересылка в поддержку и ответы в боте.
support-btn-cancel = ❌ Отмена
support-cancelled = Отменено. Ничего не отправлено.
support-text-or-photo = Пожалуйста, отправьте текст или фото: другие сообщения поддержка принять не может.
support-sent = ✅ Сообщение отправлено в поддержку. Ответ придёт сюда, в этот чат.
support-unavailable = ⚠️ Сейчас поддержка не может принимать сообщения здесь. Напишите, пожалуйста, { $contact } или на { $email }.
support-kind-support = 💬 Вопрос в поддержку
support-kind-payment = 💳 Вопрос об оплате
support-relay-header =
    { $kind }
    От { $name } · { $username }
    Telegram id <code>{ $telegramId }</code> · наш id { $userId } · язык { $locale } · баланс { $balance } кр
    { $payments }
    ↩️ Ответьте на это сообщение или на следующее, чтобы ответить пользователю.
support-relay-payments =
    Последние платежи:
    { $list }
support-relay-payment = • { DATETIME($date, dateStyle: "short", timeStyle: "short") } · ⭐ { $stars } → { $credits } кр · { $status } · <code>{ $chargeId }</code>
support-relay-no-payments = нет
support-answer-header = 💬 <b>Ответ поддержки</b> (ответьте на него, чтобы написать ещё):
support-answer-delivered = ✅ Доставлено: { $name }.
support-answer-unreachable = ❌ Не доставлено: { $name } заблокировал(а) бота.
support-answer-erased = ❌ Не доставлено: аккаунт { $name } удалён.
