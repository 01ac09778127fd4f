"""Who may do what through the API: the same roles as the admin (facts.roles)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from facts.roles import reads_everything

# Each view action -> the Django permission it needs ({model} is the view's model name).
ACTION_PERMISSIONS = {
    "create": "facts.add_{model}",
    "update": "facts.change_{model}",
    "partial_update": "facts.change_{model}",
    "review": "facts.change_{model}",
    "grade": "facts.change_{model}",
    "destroy": "facts.delete_{model}",
    "merge": "facts.merge_{model}",
}


class RolePermission(BasePermission):
    """Reading is open (visibility narrows what anonymous readers get); each write needs the
    permission of its action, which the groups viewer, curator and lead hand out."""

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if not reads_everything(request.user):
            return False  # no role, or not a staff account: a group alone grants nothing
        template = ACTION_PERMISSIONS.get(getattr(view, "action", None) or "")
        if template is None:
            return False
        model = view.get_queryset().model._meta.model_name
        return request.user.has_perm(template.format(model=model))
