"""Forms for signing up, logging in and choosing the language.

The email address is the user name: stored lower-case in both ``username`` and
``email`` of Django's user, so that log-in and password reset find the user
however the address is typed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kloof.web import throttle


def normal_email(value: str) -> str:
    return value.strip().lower()


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = normal_email(self.cleaned_data["email"])
        users = get_user_model().objects
        if (
            users.filter(username__iexact=email).exists()
            or users.filter(email__iexact=email).exists()
        ):
            raise forms.ValidationError(
                _(
                    "An account with this email address exists already. "
                    "Log in, or reset its password."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", _("The two passwords differ. Type the same password twice.")
            )
        elif first and "email" in data:
            user = get_user_model()(username=data["email"], email=data["email"])
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self) -> AbstractBaseUser:
        email = self.cleaned_data["email"]
        return get_user_model().objects.create_user(
            username=email, email=email, password=self.cleaned_data["password1"]
        )


class LoginForm(AuthenticationForm):
    """Django's log-in form, by email address, with the failed log-in throttle
    (:mod:`kloof.web.throttle`): the try is counted before the password is checked."""

    error_messages: ClassVar[dict[str, Any]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This email address and password do not match an account. "
            "Check them, or reset your password."
        ),
        throttle.THROTTLED: _(
            "Too many failed log-ins for this email address. Wait 15 minutes and "
            "try again, or reset your password."
        ),
        throttle.THROTTLED_ACCOUNT: _(
            "Too many failed log-ins for this email address from several places. "
            "Wait an hour and try again, or reset your password."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].max_length = 150

    def clean(self) -> dict[str, Any]:
        username = normal_email(self.cleaned_data.get("username") or "")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # nothing to check: the missing field says so
        client = throttle.address(self.request)
        refusal = throttle.login_attempt(username, client)
        if refusal is not None:
            raise forms.ValidationError(self.error_messages[refusal], code=refusal)
        self.cleaned_data["username"] = username
        data = super().clean()  # a wrong password raises: the try stays counted
        throttle.login_succeeded(username, client)
        return data


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset request, throttled per network address and per email
    address, the same whether an account exists or not."""

    error_messages: ClassVar[dict[str, Any]] = {
        throttle.THROTTLED: _(
            "Too many password reset requests from your network. Wait an hour and try again."
        ),
        throttle.THROTTLED_ACCOUNT: _(
            "Too many password reset requests for this email address. If it has an "
            "account, the mails sent already are on their way (look in the spam folder "
            "too); or wait an hour and try again."
        ),
    }

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email = normal_email(data.get("email") or "")
        if email and not self.errors:
            refusal = throttle.reset_request(email, throttle.address(self.request))
            if refusal is not None:
                raise forms.ValidationError(self.error_messages[refusal], code=refusal)
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)
