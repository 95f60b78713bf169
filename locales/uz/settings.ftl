# Settings and language switching.
settings-title = ⚙️ <b>Sozlamalar</b>
settings-language = Til: { $language }
language-choose = 🌐 Tilni tanlang:
language-changed = ✅ Til o'zbek tiliga o'zgartirildi.
btn-language = 🌐 Til
language-name-uz = 🇺🇿 O'zbek
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
