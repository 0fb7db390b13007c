"""Personal API tokens: made from `secrets`, stored hashed, checked against the
membership of the moment, revoked for good, last use written at most once a minute."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from kloof.storage import models
from kloof.storage.api_tokens import (
    LAST_USED_EVERY,
    NotAMemberError,
    Refusal,
    check_token,
    create_token,
    find_token,
    revoke_token,
    tokens_of,
)
from tests.web.factories import make_team

pytestmark = pytest.mark.django_db


def test_a_new_token_is_long_random_and_only_its_hash_is_stored():
    team = make_team()
    row, secret = create_token(team.editor, team.workspace, "  nightly   report ")
    assert secret.startswith("kloof_") and len(secret) == len("kloof_") + 43  # 32 bytes
    stored = models.ApiToken.objects.get(pk=row.pk)
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (stored.prefix, stored.name) == (secret[:12], "nightly report")
    assert secret not in {value for value in vars(stored).values() if isinstance(value, str)}
    _, other = create_token(team.editor, team.workspace)
    assert other != secret


def test_only_a_member_gets_a_token_for_a_workspace():
    team = make_team()
    with pytest.raises(NotAMemberError):
        create_token(team.outsider, team.workspace)
    assert models.ApiToken.objects.count() == 0


def test_a_token_acts_as_its_user_with_the_role_of_the_moment():
    team = make_team()
    _, secret = create_token(team.editor, team.workspace)
    use = check_token(secret).use
    assert (use.user, use.workspace, use.role) == (team.editor, team.workspace, "editor")
    membership = team.membership("editor")
    membership.role = "viewer"
    membership.save()
    assert check_token(secret).use.role == "viewer"


@pytest.mark.parametrize(
    ("secret", "refusal"),
    [
        ("", Refusal.MALFORMED),
        ("not-ours", Refusal.MALFORMED),
        ("kloof_" + "x" * 300, Refusal.MALFORMED),
        ("kloof_guessed-but-unknown", Refusal.UNKNOWN),
    ],
)
def test_malformed_and_unknown_tokens_are_refused(secret, refusal):
    make_team()
    assert check_token(secret).refusal == refusal


def test_a_revoked_token_and_a_former_members_token_are_refused():
    team = make_team()
    row, secret = create_token(team.viewer, team.workspace)
    _, leaver = create_token(team.editor, team.workspace)
    assert revoke_token(team.workspace, row.pk, team.viewer) is True
    assert revoke_token(team.workspace, row.pk, team.viewer) is False  # once only
    team.membership("editor").delete()
    assert check_token(secret).refusal == Refusal.REVOKED
    assert check_token(leaver).refusal == Refusal.NOT_A_MEMBER


def test_a_disabled_users_token_is_refused():
    team = make_team()
    _, secret = create_token(team.viewer, team.workspace)
    team.viewer.is_active = False
    team.viewer.save()
    assert check_token(secret).refusal == Refusal.INACTIVE


def test_revoking_is_limited_to_the_workspace_and_to_the_given_user():
    team = make_team()
    row, _ = create_token(team.editor, team.workspace)
    assert revoke_token(team.other_workspace, row.pk) is False
    assert revoke_token(team.workspace, row.pk, team.viewer) is False
    assert find_token(team.workspace, row.pk, team.viewer) is None
    assert revoke_token(team.workspace, row.pk) is True  # an owner's revoke names no user


def test_tokens_of_lists_a_users_tokens_or_the_whole_workspaces_newest_first():
    team = make_team()
    first, _ = create_token(team.editor, team.workspace, "first")
    second, _ = create_token(team.editor, team.workspace, "second")
    theirs, _ = create_token(team.viewer, team.workspace, "viewer's")
    create_token(team.outsider, team.other_workspace)
    assert list(tokens_of(team.workspace, team.editor)) == [second, first]
    assert list(tokens_of(team.workspace)) == [theirs, second, first]


def test_last_used_is_written_at_most_once_a_minute(django_assert_num_queries):
    team = make_team()
    row, secret = create_token(team.editor, team.workspace)
    now = timezone.now()
    with django_assert_num_queries(2):  # read, and the first use is written
        check_token(secret, now)
    with django_assert_num_queries(1):  # read only
        check_token(secret, now + timedelta(seconds=30))
    later = now + LAST_USED_EVERY + timedelta(seconds=1)
    check_token(secret, later)
    row.refresh_from_db()
    assert row.last_used == later
