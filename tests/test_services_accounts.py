"""The account services called directly (the commands have their own tests): staff accounts
in exactly one role group, and the first admin account, created once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from facts.accounts import AccountError, staff_user_save, superuser_ensure

pytestmark = pytest.mark.django_db

GOOD = "sahel-curation-2024!"
OTHER_GOOD = "another-long-passphrase-77"
User = get_user_model()


def roles_of(username: str) -> list[str]:
    return sorted(User.objects.get(username=username).groups.values_list("name", flat=True))


# --- staff_user_save ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "curator", "lead"])
def test_new_staff_account_in_one_role(role):
    result = staff_user_save(username="maria", role=role, password=GOOD, email="m@example.org")
    assert (result.username, result.role, result.created, result.password_set) == (
        "maria",
        role,
        True,
        True,
    )
    user = User.objects.get(username="maria")
    assert user.is_staff and not user.is_superuser and user.is_active
    assert user.email == "m@example.org"
    assert user.check_password(GOOD) and user.password != GOOD
    assert roles_of("maria") == [role]


def test_the_user_name_is_trimmed():
    result = staff_user_save(username="  awa  ", role="viewer", password=GOOD)
    assert result.username == "awa"
    assert User.objects.filter(username="awa").exists()


def test_unknown_role_is_refused():
    with pytest.raises(AccountError, match="Unknown role 'admin': choose one of viewer, curator"):
        staff_user_save(username="awa", role="admin", password=GOOD)
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["", "   "])
def test_a_user_name_is_required(username):
    with pytest.raises(AccountError, match="A user name is required"):
        staff_user_save(username=username, role="viewer", password=GOOD)
    assert not User.objects.exists()


@pytest.mark.parametrize("password", [None, ""])
def test_a_new_account_needs_a_password(password):
    with pytest.raises(AccountError, match=r"A new account needs a password.*'awa'"):
        staff_user_save(username="awa", role="curator", password=password)
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["12345678", "short", "password123"])
def test_weak_passwords_are_refused_by_the_validators(password):
    with pytest.raises(AccountError, match="Password refused"):
        staff_user_save(username="awa", role="curator", password=password)
    assert not User.objects.exists()


def test_a_password_like_the_user_name_is_refused():
    with pytest.raises(AccountError, match="Password refused"):
        staff_user_save(username="ousmane.diallo", role="viewer", password="ousmane.diallo")
    assert not User.objects.exists()


def test_an_existing_account_is_not_changed_without_update():
    staff_user_save(username="amadou", role="viewer", password=GOOD, email="a@example.org")
    with pytest.raises(AccountError, match="'amadou' already exists; add --update"):
        staff_user_save(
            username="amadou", role="lead", password=OTHER_GOOD, email="new@example.org"
        )
    user = User.objects.get(username="amadou")
    assert roles_of("amadou") == ["viewer"]
    assert user.check_password(GOOD) and user.email == "a@example.org"


def test_update_moves_the_account_to_one_new_role_and_keeps_other_groups():
    staff_user_save(username="amadou", role="viewer", password=GOOD, email="a@example.org")
    user = User.objects.get(username="amadou")
    user.groups.add(Group.objects.get(name="curator"), Group.objects.create(name="newsletter"))

    result = staff_user_save(username="amadou", role="lead", password=None, update=True)

    assert (result.created, result.password_set, result.role) == (False, False, "lead")
    assert roles_of("amadou") == ["lead", "newsletter"]
    user.refresh_from_db()
    assert user.check_password(GOOD)  # no password given: unchanged
    assert user.email == "a@example.org"  # no email given: unchanged


def test_update_sets_a_new_password_and_email():
    staff_user_save(username="amadou", role="viewer", password=GOOD)
    result = staff_user_save(
        username="amadou",
        role="viewer",
        password=OTHER_GOOD,
        email="amadou@example.org",
        update=True,
    )
    assert result.password_set and not result.created
    user = User.objects.get(username="amadou")
    assert user.check_password(OTHER_GOOD) and not user.check_password(GOOD)
    assert user.email == "amadou@example.org"
    assert roles_of("amadou") == ["viewer"]


def test_update_refuses_a_weak_password_and_changes_nothing():
    staff_user_save(username="amadou", role="viewer", password=GOOD)
    with pytest.raises(AccountError, match="Password refused"):
        staff_user_save(username="amadou", role="lead", password="1234", update=True)
    assert roles_of("amadou") == ["viewer"]
    assert User.objects.get(username="amadou").check_password(GOOD)


def test_update_makes_an_existing_non_staff_user_staff():
    User.objects.create_user("sali", password=GOOD)
    staff_user_save(username="sali", role="curator", password=None, update=True)
    sali = User.objects.get(username="sali")
    assert sali.is_staff and roles_of("sali") == ["curator"]


def test_update_of_a_missing_account_creates_it():
    result = staff_user_save(username="new", role="viewer", password=GOOD, update=True)
    assert result.created and roles_of("new") == ["viewer"]


def test_missing_role_groups_are_created_with_their_permissions():
    Group.objects.filter(name__in=["viewer", "curator", "lead"]).delete()
    staff_user_save(username="awa", role="curator", password=GOOD)
    assert roles_of("awa") == ["curator"]
    assert set(Group.objects.values_list("name", flat=True)) >= {"viewer", "curator", "lead"}
    awa = User.objects.get(username="awa")
    assert awa.has_perm("facts.change_claim") and not awa.has_perm("facts.delete_claim")
    assert not awa.has_perm("facts.merge_actor")


def test_roles_grant_what_the_readme_says():
    for name, role in (("v", "viewer"), ("c", "curator"), ("l", "lead")):
        staff_user_save(username=name, role=role, password=GOOD)
    viewer, curator, lead = (User.objects.get(username=n) for n in ("v", "c", "l"))
    assert viewer.has_perm("facts.view_claim") and not viewer.has_perm("facts.change_claim")
    assert curator.has_perm("facts.change_claim") and not curator.has_perm("facts.change_country")
    assert lead.has_perm("facts.merge_actor") and lead.has_perm("facts.delete_claim")


# --- superuser_ensure -----------------------------------------------------------------------


def test_superuser_created_with_the_given_password():
    result = superuser_ensure(username="admin", email="admin@example.org", password=GOOD)
    assert (result.username, result.created, result.generated_password) == ("admin", True, None)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.email == "admin@example.org" and admin.check_password(GOOD)


def test_superuser_without_a_password_gets_a_generated_one_stored_as_a_hash():
    result = superuser_ensure(username="admin", email="", password=None)
    assert result.created and result.generated_password
    assert len(result.generated_password) >= 16
    admin = User.objects.get(username="admin")
    assert admin.check_password(result.generated_password)
    assert result.generated_password not in admin.password


def test_generated_passwords_differ():
    one = superuser_ensure(username="admin1", email="", password="").generated_password
    two = superuser_ensure(username="admin2", email="", password=None).generated_password
    assert one and two and one != two


def test_an_existing_account_is_left_exactly_as_it_is():
    superuser_ensure(username="admin", email="first@example.org", password=GOOD)
    before = User.objects.get(username="admin")

    again = superuser_ensure(username="admin", email="second@example.org", password=OTHER_GOOD)

    assert (again.created, again.generated_password) == (False, None)
    after = User.objects.get(username="admin")
    assert (after.password, after.email, after.is_superuser) == (
        before.password,
        "first@example.org",
        True,
    )
    assert User.objects.count() == 1


def test_an_existing_ordinary_user_is_not_made_superuser():
    User.objects.create_user("admin", password=GOOD)
    result = superuser_ensure(username="admin", email="", password=None)
    assert not result.created and result.generated_password is None
    admin = User.objects.get(username="admin")
    assert not admin.is_superuser and admin.check_password(GOOD)


@pytest.mark.parametrize("password", ["123", "password", "admin"])
def test_superuser_weak_password_is_refused(password):
    with pytest.raises(AccountError, match="Password refused"):
        superuser_ensure(username="admin", email="", password=password)
    assert not User.objects.exists()
