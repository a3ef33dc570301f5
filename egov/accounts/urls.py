from django.urls import path

from egov.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("confirm/<str:uidb64>/<str:token>/", views.confirm_email, name="confirm_email"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/verify/", views.mfa_verify, name="mfa_verify"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("unlock/<str:uidb64>/<str:token>/", views.unlock, name="unlock"),
    path("forgot-password/", views.forgot_password, name="forgot_password"),
    path("reset-password/<str:uidb64>/<str:token>/", views.reset_password, name="reset_password"),
    path("profile/", views.profile, name="profile"),
    path("security/", views.security, name="security"),
    path("security/password/", views.change_password, name="change_password"),
    path("security/email/", views.change_email, name="change_email"),
    path("security/email/<str:token>/", views.confirm_email_change, name="confirm_email_change"),
    path("security/two-step/", views.mfa_setup, name="mfa_setup"),
    path("security/two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("security/two-step/off/", views.turn_off_mfa, name="turn_off_mfa"),
]
