from django.conf import settings


def test_argon2_is_the_first_password_hasher_in_base_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_persian_is_the_default_language():
    assert settings.LANGUAGE_CODE == "fa"
