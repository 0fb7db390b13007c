"""URL patterns of accounts: Django's auth views with kloof's forms and templates."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import path

from kloof.web.forms.accounts import LoginForm
from kloof.web.views import accounts

urlpatterns = [
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        accounts.KloofLoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/language/", accounts.set_language, name="language"),
    path("accounts/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/reset/", accounts.KloofPasswordResetView.as_view(), name="password_reset"),
    path("accounts/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.KloofPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
