# First contact: language, consent, home menu.
onboarding-choose-language = 👋 Hello, { $name }! Choose your language:
onboarding-consent =
    <b>Before we start</b>

    Please read our Terms of Service and Privacy Policy (buttons below).

    By pressing “I accept” you agree to them and confirm that you are at least 13 years old.
onboarding-consent-updated =
    <b>Our Terms or Privacy Policy have changed</b>

    Please read them (buttons below) and accept them to continue.

    By pressing “I accept” you agree to them and confirm that you are at least 13 years old.
onboarding-accepted = ✅ Thank you! You are all set.
consent-required = 🔒 Please accept the Terms of Service and the Privacy Policy first.
btn-terms = 📄 Terms of Service
btn-privacy = 🔒 Privacy Policy
btn-accept = ✅ I accept · I am 13+
home-welcome =
    🍌 <b>Bananapics</b>

    Hi, { $name }! I turn your words and photos into images.

    ✍️ Send me a description of the image you want.
    🖼 Send a photo with a caption to change it.
home-create-hint =
    ✍️ <b>Describe your image</b>

    Write what you want to see, for example:
    <i>A cat astronaut floating above Samarkand at sunset, watercolor</i>

    To edit a photo, send it with a caption that says what to change. You can send up to 10 photos as an album.
btn-create = 🎨 Create an image
btn-settings = ⚙️ Settings
btn-help = ❓ Help
