# Image tools for a picture sent without a prompt: the offer, each tool's screen, statuses and the result.
btn-tool = { $emoji } { $tool } — { $price }
tool-price = { $credits } кр.
tool-price-from = от { $credits } кр.
tool-screen-title = { $emoji } <b>{ $tool }</b>
tool-option-line = { $name }: <b>{ $value }</b>
tool-screen-price = 💰 Цена: <b>{ $price }</b> · баланс: { $balance }
btn-tool-start = ✅ Запустить — { $price }
tool-name-watermark = Убрать водяной знак
tool-name-upscale = Увеличить
tool-name-denoise = Убрать шум
tool-name-restore = Реставрация
tool-name-enhance = Улучшить
tool-about-watermark = Убирает с картинки водяные знаки, логотипы и надписи.
tool-about-upscale = Увеличивает картинку до 2K, 4K или 8K, сохраняя резкость.
tool-about-denoise = Убирает зерно и шум — например, со снимка, сделанного при слабом свете.
tool-about-restore = Убирает пыль и царапины со старых фотографий и сканов.
tool-about-enhance = Повышает резкость и детализацию; выберите режим, подходящий к картинке.
tool-param-target_resolution = 🖥 Разрешение
tool-param-model = 🎛 Режим
tool-param-size = 📏 Размер
tool-value-normal = Обычный
tool-value-strong = Сильный
tool-value-extreme = Максимальный
tool-value-dust-scratch = Пыль и царапины
tool-value-dust-scratch-v2 = Пыль и царапины V2
tool-status-queued = ⏳ <b>В очереди</b> · { $tool }
tool-status-processing = 🛠 <b>Обрабатываем…</b> · { $tool }
tool-status-done = ✅ <b>Готово</b> · { $tool }
tool-status-failed =
    ❌ <b>Не удалось обработать картинку</b> · { $tool }
    { $reason }
tool-result-caption = { $emoji } <b>{ $tool }</b>{ $options }
tool-already-started = ⏳ Эта картинка уже обрабатывается.
tool-unavailable = 🛠 Этот инструмент сейчас недоступен.
tool-insufficient-credits =
    💳 Недостаточно кредитов: инструмент стоит { $price }, на балансе { $balance }.

    Пополните баланс: /topup.
