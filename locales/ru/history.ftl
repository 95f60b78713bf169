# История баланса: записи журнала по страницам.
history-title = 📜 <b>История баланса</b> · страница { $page } из { $pages }
history-empty =
    📜 <b>История баланса</b>

    Здесь пока пусто. Пополните баланс командой /topup.
history-entry =
    <b>{ $sign }{ $amount }</b> · { $kind }
    { DATETIME($date, dateStyle: "short", timeStyle: "short") } · баланс { $balance }
btn-history-newer = ⬅️ Новее
btn-history-older = Старее ➡️
ledger-kind-purchase = ⭐ Пополнение
ledger-kind-generation-charge = 🎨 Генерация
ledger-kind-generation-refund = ↩️ Возврат за генерацию
ledger-kind-tool-charge = 🛠 Инструмент для изображений
ledger-kind-tool-refund = ↩️ Возврат за инструмент
ledger-kind-referral-join-bonus = 🤝 Реферальный бонус: новый пользователь
ledger-kind-referral-purchase-bonus = 🤝 Реферальный бонус: покупка
ledger-kind-admin-adjustment = 🛡 Корректировка поддержкой
ledger-kind-payment-refund = ↩️ Возврат звёзд
