"""The merge action: pick the survivor, give a reason; only leads have the permission."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from facts.services import ReviewError


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(queryset=None, widget=forms.RadioSelect, empty_label=None)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Why these are the same (kept in the survivor's history).",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = queryset


class MergeActionMixin:
    """Adds a "merge selected" action backed by a service function."""

    merge_service = None  # a function(*, survivor, merged, user, reason)
    merge_permission = ""  # e.g. "facts.merge_actor"

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(self.merge_permission)

    @admin.action(description="Merge selected duplicates…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        if queryset.count() < 2:
            self.message_user(request, "Select at least two to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, queryset=queryset)
        if "apply" in request.POST and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            others = [obj for obj in queryset if obj.pk != survivor.pk]
            try:
                type(self).merge_service(
                    survivor=survivor,
                    merged=others,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ReviewError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, f"Merged {len(others)} into {survivor}.", messages.SUCCESS
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {queryset.count()} {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "objects": queryset,
            "form": form,
            "action": "merge_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/facts/merge_action.html", context)
