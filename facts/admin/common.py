"""Shared admin behaviour: review actions with a reason, change reasons, version checks."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from facts.admin.history import CuratedHistoryHelper
from facts.admin.pagination import EstimatedCountPaginator
from facts.choices import Credibility, ReviewStatus
from facts.search import search
from facts.services import ReviewError, StaleVersionError, object_review
from facts.services.history import changes_since
from facts.services.review import stamp_curator_save

# Set by reviews and saves, never typed into a form.
REVIEW_READONLY = [
    "status",
    "status_reason",
    "reviewed_by",
    "reviewed_at",
    "version",
    "curator_edited_at",
    "created_at",
    "updated_at",
]

REVIEW_ACTIONS = {
    "verify": ReviewStatus.VERIFIED,
    "dispute": ReviewStatus.DISPUTED,
    "reject": ReviewStatus.REJECTED,
    "retract": ReviewStatus.RETRACTED,
}


class ReviewActionForm(forms.Form):
    """The intermediate page of a bulk review: the same reason for every selected object."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Required: the source or check behind this decision. Recorded in history.",
    )
    credibility = forms.TypedChoiceField(
        choices=[("", "— leave as it is —"), *Credibility.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ChangeReasonForm(forms.ModelForm):
    """Every change needs a reason, and is refused when the object changed meanwhile."""

    change_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Why you are changing this (kept in the history).",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Fields whose change is explained elsewhere (a review has its own reason).
    reason_exempt = {"expected_version", "change_reason"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "version"):
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and hasattr(self.instance, "version"):
            expected = cleaned.get("expected_version")
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
            )
            current_version = current.first()
            if expected is not None and current_version is not None and current_version != expected:
                fresh = type(self.instance).objects.get(pk=self.instance.pk)
                raise ValidationError(
                    str(
                        StaleVersionError(
                            obj=fresh,
                            expected=expected,
                            changes=changes_since(fresh, version=expected),
                        ).message
                    )
                )
            if (
                set(self.changed_data) - self.reason_exempt
                and not (cleaned.get("change_reason") or "").strip()
            ):
                self.add_error("change_reason", "Say why you are changing this.")
        return cleaned


class CuratedAdmin(SimpleHistoryAdmin):
    """Base for the models curators work on."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50
    history_list_per_page = 50

    def get_historical_record_context_helper(self, request, historical_record):
        return CuratedHistoryHelper(self.model, historical_record)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.count_is_estimate = getattr(changelist.paginator, "is_estimate", False)
        return changelist

    def save_model(self, request, obj, form, change):
        reason = (form.cleaned_data.get("change_reason") or "").strip()
        obj._change_reason = reason or ("Created" if not change else "Edited")
        if change and hasattr(obj, "version"):
            stamp_curator_save(obj=obj, expected_version=form.cleaned_data.get("expected_version"))
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StaleVersionError, ReviewError) as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class VisibleToMixin:
    """Every list, page and action reads what the signed-in account may see (the models'
    `visible_to`): a role reads everything, as the admin's own permissions already require,
    so only an account that could reach the admin without a role would see less."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class FullTextSearchMixin:
    """The admin's search box asks the full-text index (facts.search): every word must occur,
    a trailing * matches a prefix, accents and case do not matter. The default, a LIKE
    '%word%' over each search field, reads the whole table on every search."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search(queryset, search_term), False


class ReviewActionsMixin:
    """Bulk verify / dispute / reject / retract with a required reason."""

    review_template = "admin/facts/review_action.html"
    actions = ["verify", "dispute", "reject", "retract"]

    def review_selected(self, request, queryset, status: str):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ReviewActionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                count = self.apply_review(request, queryset, status, form.cleaned_data)
            except ReviewError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"{count} {self.opts.verbose_name_plural} marked {status}.",
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Mark {queryset.count()} {self.opts.verbose_name_plural} {status}",
            "opts": self.opts,
            "objects": queryset,
            "form": form,
            "status": status,
            "action": request.POST.get("action"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.review_template, context)

    def apply_review(self, request, queryset, status, data) -> int:
        count = 0
        for obj in queryset:
            object_review(obj=obj, user=request.user, status=status, reason=data["reason"])
            count += 1
        return count

    @admin.action(description="Verify selected (with a reason)", permissions=["change"])
    def verify(self, request, queryset):
        return self.review_selected(request, queryset, ReviewStatus.VERIFIED)

    @admin.action(description="Dispute selected (with a reason)", permissions=["change"])
    def dispute(self, request, queryset):
        return self.review_selected(request, queryset, ReviewStatus.DISPUTED)

    @admin.action(description="Reject selected (with a reason)", permissions=["change"])
    def reject(self, request, queryset):
        return self.review_selected(request, queryset, ReviewStatus.REJECTED)

    @admin.action(description="Retract selected (with a reason)", permissions=["change"])
    def retract(self, request, queryset):
        return self.review_selected(request, queryset, ReviewStatus.RETRACTED)
