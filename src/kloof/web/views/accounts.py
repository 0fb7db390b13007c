"""Accounts: sign up, log in and out, passwords, and the language choice.

Log-in, log-out and the password pages are Django's own views with our forms
and templates (see ``kloof.web.routes.accounts``); here are the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, PasswordResetConfirmView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kloof.storage.models import Profile
from kloof.web import throttle
from kloof.web.forms.accounts import LanguageForm, PasswordResetForm, SignupForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    """``candidate`` when it is a path on this site, else None (no open redirect)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set the language cookie that ``LocaleMiddleware`` reads on the next requests."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """A new account; logged in at once, in the language the page was shown in."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        language = translation.get_language() or settings.LANGUAGE_CODE
        Profile.objects.create(user=user, language=language[:2])
        login(request, user, backend=BACKEND)
        messages.success(request, _("Welcome to kloof. Your account is ready."))
        target = safe_next(request, request.POST.get("next")) or resolve_url("home")
        return remember_language(HttpResponseRedirect(target), language[:2])
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"))
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


class KloofLoginView(LoginView):
    """Django's log-in; afterwards the user's remembered language applies."""

    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        profile = Profile.objects.filter(user=form.get_user()).first()
        if profile and profile.language in dict(settings.LANGUAGES):
            remember_language(response, profile.language)
        return response


class KloofPasswordResetView(PasswordResetView):
    """Django's reset request, throttled (:class:`PasswordResetForm`): a request
    over the limit is answered 429 with the form and why, and no mail."""

    form_class = PasswordResetForm

    def get_form_kwargs(self):  # type: ignore[no-untyped-def]
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_invalid(form)
        throttled = {throttle.THROTTLED, throttle.THROTTLED_ACCOUNT}
        if any(error.code in throttled for error in form.non_field_errors().as_data()):
            response.status_code = 429
            response.headers["Retry-After"] = str(int(throttle.RESET_WINDOW.total_seconds()))
        return response


class KloofPasswordResetConfirmView(PasswordResetConfirmView):
    """Django's new password from a reset link; the failed log-ins of the account
    are forgotten, so whoever guessed at the old password locks nobody out."""

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        throttle.password_was_reset(form.user.get_username())
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language (user menu); remembered in the profile when logged in."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    target = safe_next(request, form.cleaned_data["next"]) or resolve_url("home")
    return remember_language(HttpResponseRedirect(target), language)
