# Settings and language switching.
settings-title = ⚙️ <b>Настройки</b>
settings-language = Язык: { $language }
language-choose = 🌐 Выберите язык:
language-changed = ✅ Язык переключён на русский.
btn-language = 🌐 Язык
language-name-uz = 🇺🇿 O'zbek
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
