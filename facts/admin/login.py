"""The admin's sign-in form, saying so when the lockout refuses an attempt."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from facts.signin import LockedOut, client_address, signin_check


class LockoutAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        try:
            signin_check(
                username=self.cleaned_data.get("username") or "",
                address=client_address(self.request),
            )
        except LockedOut as locked:
            raise forms.ValidationError(str(locked), code="locked_out") from locked
        return super().clean()
