# Settings and language switching.
settings-title = ⚙️ <b>Settings</b>
settings-language = Language: { $language }
language-choose = 🌐 Choose your language:
language-changed = ✅ Language switched to English.
btn-language = 🌐 Language
language-name-uz = 🇺🇿 O'zbek
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
