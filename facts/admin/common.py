"""Shared admin behaviour: review actions with a reason, change reasons, version checks."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from facts.admin.filters import CountryFilter, DateRangeFilter
from facts.admin.history import CuratedHistoryHelper
from facts.admin.pagination import EstimatedCountPaginator
from facts.choices import Credibility, ReviewStatus
from facts.search import search
from facts.services import ReviewError, StaleVersionError, object_review
from facts.services.history import changes_since, history_model_of
from facts.services.revert import (
    RevertPlan,
    is_revertible,
    object_revert,
    revert_plan,
    version_label,
)
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

    def reason_exempt_fields(self) -> set[str]:
        """The fields whose change needs no change reason, once the form is cleaned."""
        return set(self.reason_exempt)

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
                set(self.changed_data) - self.reason_exempt_fields()
                and not (cleaned.get("change_reason") or "").strip()
            ):
                self.add_error("change_reason", "Say why you are changing this.")
        return cleaned


class RevertForm(forms.Form):
    """Reverting to a version from the history: why, and which version of the record the
    curator was shown (read from the database when the page was shown, not the old one)."""

    change_reason = forms.CharField(
        label="Why revert",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Required. Kept in the history as “reverted to version N: your reason”.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def revert_plan_html(plan: RevertPlan) -> str:
    """The revert page's summary: what goes back, and what stays as it is now."""
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        ((c.label, c.now, c.then) for c in plan.restored),
    )
    restored = (
        format_html(
            '<table class="revert-restored"><thead><tr><th scope="col">field</th>'
            '<th scope="col">now</th><th scope="col">after the revert ({})</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            plan.label,
            rows,
        )
        if plan.restored
        else format_html(
            "<p><strong>Nothing to revert</strong>: {} holds what the record holds now.</p>",
            plan.label,
        )
    )
    kept = ""
    if plan.kept:
        kept = format_html(
            "<p>These differ in {} but <strong>stay as they are now</strong>:</p>"
            '<table class="revert-kept"><thead><tr><th scope="col">field</th>'
            '<th scope="col">now (kept)</th><th scope="col">in {}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            plan.label,
            plan.label,
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
                ((c.label, c.now, c.then) for c in plan.kept),
            ),
        )
    return format_html(
        '<p class="revert-scope">A revert restores the fields curators edit. Review status, '
        "its reason and reviewer, the credibility or reliability grade and the importer's "
        "evidence are never reverted: they stay as they are now (change a status with a "
        "review).</p>{}{}",
        restored,
        kept,
    )


class CuratedAdmin(SimpleHistoryAdmin):
    """Base for the models curators work on."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50
    history_list_per_page = 50
    # Fields of `list_filter` that get the queues' own filters (facts.admin.filters): a
    # country list of only the countries in use, and a from–to date range.
    field_filters = {"countries": CountryFilter, "date_start": DateRangeFilter}

    def get_list_filter(self, request):
        return [
            self.field_filters.get(item, item) if isinstance(item, str) else item
            for item in super().get_list_filter(request)
        ]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to a version through the services (facts.services.revert): the reason is
        required, the version checked is the record's as shown on this page, and only the
        curator-editable fields go back. simple-history's own view would save the old
        version whole, review status included, and check the old version number."""
        if not is_revertible(self.model):
            return super().history_form_view(request, object_id, version_id, extra_context)
        request.current_app = self.admin_site.name
        opts = self.model._meta
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        record = get_object_or_404(
            history_model_of(self.model), **{opts.pk.attname: current.pk, "history_id": version_id}
        )
        if not self.has_view_history_or_change_history_permission(request, current):
            raise PermissionDenied
        may_revert = not self.revert_disabled(request, current)
        form = RevertForm(initial={"expected_version": getattr(current, "version", None)})
        if request.method == "POST":
            if not may_revert:
                raise PermissionDenied
            form = RevertForm(request.POST)
            if form.is_valid():
                try:
                    reverted = object_revert(
                        record=record,
                        user=request.user,
                        reason=form.cleaned_data["change_reason"],
                        expected_version=form.cleaned_data["expected_version"],
                    )
                except StaleVersionError as error:
                    # Shown again with what the record holds now: reverting anyway is a new
                    # decision, against the version now on the page.
                    current = self.get_object(request, unquote(object_id))
                    data = request.POST.copy()
                    data["expected_version"] = str(error.current)
                    form = RevertForm(data)
                    form.is_valid()
                    form.add_error(None, error)
                except ReviewError as error:
                    form.add_error(None, error)
                else:
                    plan_label = version_label(record)
                    self.log_change(request, reverted, f"Reverted to {plan_label}.")
                    self.message_user(
                        request,
                        f"{opts.verbose_name.capitalize()} “{reverted}” reverted to {plan_label}; "
                        "its review status and grades are as they were.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change", args=[reverted.pk]
                        )
                    )
        plan = revert_plan(record=record, current=current)
        fieldsets = [
            (f"Revert to {plan.label}", {"fields": [], "description": revert_plan_html(plan)})
        ]
        if may_revert and plan.restored:
            fieldsets.append(("Why", {"fields": ["change_reason", "expected_version"]}))
        admin_form = helpers.AdminForm(form, fieldsets, {}, (), model_admin=self)
        url = f"admin:{opts.app_label}_{opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revert {opts.verbose_name} to {plan.label}"
            if may_revert
            else f"{plan.label.capitalize()} of {opts.verbose_name}",
            "subtitle": str(current),
            "adminform": admin_form,
            "object_id": object_id,
            "original": current,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "opts": opts,
            "changelist_url": reverse(f"{url}_changelist"),
            "change_url": reverse(f"{url}_change", args=[current.pk]),
            "history_url": reverse(f"{url}_history", args=[current.pk]),
            "change_history": False,
            "revert_disabled": not may_revert or not plan.restored,
            "add": False,
            "change": True,
            "has_add_permission": False,
            "has_view_permission": True,
            "has_change_permission": may_revert,
            "has_delete_permission": False,
            "has_editable_inline_admin_formsets": False,
            "has_file_field": False,
            "has_absolute_url": False,
            "form_url": "",
            "content_type_id": None,
            "save_as": False,
            "save_on_top": False,
            "inline_admin_formsets": [],
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)

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


class TimelineMixin:
    """A change page with its record's verified events by month under the form
    (facts.timeline; the template is admin/facts/<model>/change_form.html). A subclass says
    which selector in `timeline_for(obj, event_url)`."""

    def timeline_for(self, obj, event_url: Callable[[int], str]) -> Any:
        raise NotImplementedError

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            site = self.admin_site.name  # type: ignore[attr-defined]
            context["timeline"] = self.timeline_for(
                obj,
                event_url=lambda pk: reverse(
                    "admin:facts_event_change", args=[pk], current_app=site
                ),
            )
        return super().render_change_form(  # type: ignore[misc]
            request, context, add, change, form_url, obj
        )
