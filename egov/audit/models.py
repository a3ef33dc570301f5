"""Append-only audit events, chained by hash.

Rows are never updated or deleted: the application has no code path that
does so, and database triggers (see migration 0002) refuse it too. Each row
stores the hash of the row before it, so ``manage.py verify_audit`` notices a
row that was changed, removed or inserted behind the platform's back.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The closed list of things that can happen. Add here, never free text."""

    USER_SIGNED_UP = "user.signed_up", _("Signed up")
    USER_EMAIL_CONFIRMED = "user.email_confirmed", _("Confirmed an email address")
    USER_SIGNED_IN = "user.signed_in", _("Signed in")
    USER_SIGN_IN_FAILED = "user.sign_in_failed", _("Failed to sign in")
    USER_SIGNED_OUT = "user.signed_out", _("Signed out")
    USER_PASSWORD_RESET_REQUESTED = "user.password_reset_requested", _("Asked for a password reset")
    USER_PASSWORD_CHANGED = "user.password_changed", _("Changed a password")
    USER_PROFILE_UPDATED = "user.profile_updated", _("Updated a profile")
    USER_LANGUAGE_CHANGED = "user.language_changed", _("Changed the language")
    USER_CREATED = "user.created", _("Created an account")
    USER_LOCKED_OUT = "user.locked_out", _("Account locked after failed sign-ins")
    USER_UNLOCKED = "user.unlocked", _("Unlocked an account")
    USER_EMAIL_CHANGED = "user.email_changed", _("Changed an email address")
    MFA_ENROLMENT_STARTED = "mfa.enrolment_started", _("Started setting up two-step verification")
    MFA_ENABLED = "mfa.enabled", _("Turned on two-step verification")
    MFA_VERIFIED = "mfa.verified", _("Passed two-step verification")
    MFA_FAILED = "mfa.failed", _("Failed two-step verification")
    MFA_RECOVERY_CODE_USED = "mfa.recovery_code_used", _("Used a recovery code")
    MFA_RECOVERY_CODES_REPLACED = "mfa.recovery_codes_replaced", _("Replaced recovery codes")
    MFA_DISABLED = "mfa.disabled", _("Turned off two-step verification")
    AGENCY_CREATED = "agency.created", _("Created an agency")
    UNIT_CREATED = "unit.created", _("Created a unit")
    OFFICER_APPOINTED = "officer.appointed", _("Appointed an officer")
    CLOSURE_DECLARED = "closure.declared", _("Declared a day off")
    CLOSURE_WITHDRAWN = "closure.withdrawn", _("Withdrew a day off")
    NOTIFICATION_READ = "notification.read", _("Read notifications")
    NOTIFICATION_PREFERENCES_CHANGED = (
        "notification.preferences_changed",
        _("Changed how to be notified"),
    )
    # Complaints
    COMPLAINT_CATEGORY_CREATED = "complaint.category_created", _("Created a complaint category")
    COMPLAINT_ROUTING_SET = "complaint.routing_set", _("Set complaint routing")
    COMPLAINT_PERIOD_SET = "complaint.period_set", _("Set a processing period")
    COMPLAINT_DISTRICT_OFFICE_SET = (
        "complaint.district_office_set",
        _("Set the agency serving a district"),
    )
    COMPLAINT_SUBMITTED = "complaint.submitted", _("Submitted a complaint")
    COMPLAINT_WITHDRAWN = "complaint.withdrawn", _("Withdrew a complaint")
    COMPLAINT_ASSIGNED = "complaint.assigned", _("Assigned a complaint")
    COMPLAINT_NOTE_ADDED = "complaint.note_added", _("Added an internal note")
    COMPLAINT_TRANSFERRED = "complaint.transferred", _("Transferred a complaint")
    COMPLAINT_SUPPLEMENT_REQUESTED = "complaint.supplement_requested", _("Asked for information")
    COMPLAINT_SUPPLEMENT_ANSWERED = "complaint.supplement_answered", _("Gave more information")
    COMPLAINT_CLOSED_NO_SUPPLEMENT = "complaint.closed_no_supplement", _("Closed, no information")
    COMPLAINT_EXTENDED = "complaint.extended", _("Extended a deadline")
    COMPLAINT_EXTENSION_REQUESTED = "complaint.extension_requested", _("Asked to extend a deadline")
    COMPLAINT_EXTENSION_CONSENTED = "complaint.extension_consented", _("Consented to an extension")
    COMPLAINT_EXTENSION_REFUSED = "complaint.extension_refused", _("Refused an extension")
    COMPLAINT_ANSWERED = "complaint.answered", _("Answered a complaint")
    COMPLAINT_RATED = "complaint.rated", _("Rated an answer")
    COMPLAINT_SECOND_REVIEW_OPENED = "complaint.second_review_opened", _("Opened a second review")
    COMPLAINT_SECOND_REVIEW_ANSWERED = "complaint.second_review_answered", _("Answered a review")
    COMPLAINT_COSIGNER_INVITED = "complaint.cosigner_invited", _("Invited a co-signer")
    COMPLAINT_COSIGNED = "complaint.cosigned", _("Co-signed a complaint")
    COMPLAINT_CLOSED_AS_REPEAT = "complaint.closed_as_repeat", _("Closed a repeated complaint")
    COMPLAINT_REPEAT_APPEALED = "complaint.repeat_appealed", _("Appealed a repeat closure")
    COMPLAINT_PROGRESS_NOTICE_SENT = "complaint.progress_notice_sent", _("Sent a progress notice")
    COMPLAINT_DEADLINE_MOVED = "complaint.deadline_moved", _("Moved a deadline for a closure")
    COMPLAINT_FILED_WITHOUT_ACCOUNT = (
        "complaint.filed_without_account",
        _("Filed a complaint for a person with no account"),
    )
    COMPLAINT_FOLLOWED = "complaint.followed", _("Followed a complaint with its access code")
    COMPLAINT_CLAIM_CODE_SENT = "complaint.claim_code_sent", _("Sent a code to claim a complaint")
    COMPLAINT_CLAIMED = "complaint.claimed", _("Claimed a complaint into an account")
    COMPLAINTS_FOLLOWED_UP = (
        "complaint.followed_up",
        _("Linked the complaints behind a surge to what was opened from it"),
    )
    COMPLAINTS_FOLLOW_UP_DECIDED = (
        "complaint.follow_up_decided",
        _("Recorded the outcome of what was opened from a surge"),
    )
    # Participation
    PROPOSAL_REVIEW_PERIOD_SET = "proposal.review_period_set", _("Set a proposal review period")
    PROPOSAL_SUBMITTED = "proposal.submitted", _("Submitted a proposal")
    POLICY_REVIEW_OPENED = "proposal.policy_review_opened", _("Opened a policy review")
    PROPOSAL_DECIDED = "proposal.decided", _("Decided on a proposal")
    PROPOSAL_MILESTONE_ADDED = "proposal.milestone_added", _("Added an implementation step")
    PROPOSAL_MILESTONE_DONE = "proposal.milestone_done", _("Completed an implementation step")
    PROPOSAL_AWARDED = "proposal.awarded", _("Recorded an award for a proposal")
    PETITION_STARTED = "petition.started", _("Started a petition")
    PETITION_SIGNED = "petition.signed", _("Signed a petition")
    PETITION_PUBLISHED = "petition.published", _("Published a petition")
    PETITION_REJECTED = "petition.rejected", _("Rejected a petition")
    PETITION_RESPONDED = "petition.responded", _("Responded to a petition")
    PETITION_CLOSED = "petition.closed", _("Closed a petition")
    CONSULTATION_OPENED = "consultation.opened", _("Opened a consultation")
    CONSULTATION_VOTED = "consultation.voted", _("Voted in a consultation")
    CONSULTATION_COMMENTED = "consultation.commented", _("Commented on a consultation")
    # Permits
    PERMIT_TYPE_CREATED = "permit.type_created", _("Created a permit type")
    PERMIT_TYPE_REVISED = "permit.type_revised", _("Revised a permit type")
    PERMIT_APPLIED = "permit.applied", _("Applied for a permit")
    PERMIT_DRAW_SEEDED = "permit.draw_seeded", _("Recorded the seed of an assignment draw")
    PERMIT_ASSIGNED = "permit.assigned", _("Assigned a permit application by draw")
    PERMIT_REASSIGNED = "permit.reassigned", _("Reassigned a permit application")
    PERMIT_STEP_STARTED = "permit.step_started", _("Started a permit step")
    PERMIT_STEP_COMPLETED = "permit.step_completed", _("Completed a permit step")
    PERMIT_SUPPLEMENT_REQUESTED = "permit.supplement_requested", _("Asked for documents")
    PERMIT_SUPPLEMENT_ANSWERED = "permit.supplement_answered", _("Supplied documents")
    PERMIT_EXTENDED = "permit.extended", _("Extended a permit's processing period")
    PERMIT_FEE_PAID = "permit.fee_paid", _("Recorded a permit fee as paid")
    PERMIT_APPROVED = "permit.approved", _("Approved a permit")
    PERMIT_REJECTED = "permit.rejected", _("Rejected a permit application")
    PERMIT_WITHDRAWN = "permit.withdrawn", _("Withdrew a permit application")
    PERMIT_STEP_SKIPPED = "permit.step_skipped", _("Skipped a permit step")
    PERMIT_ABSENCE_RECORDED = "permit.absence_recorded", _("Recorded an officer as off duty")
    PERMIT_QUESTION_ASKED = "permit.question_asked", _("Asked the official a question")
    PERMIT_QUESTION_ANSWERED = "permit.question_answered", _("Answered an applicant's question")
    # Jobs
    JOBS_OFFICE_DESIGNATED = "jobs.office_designated", _("Designated an employment office")
    JOBS_COMPANY_REGISTERED = "jobs.company_registered", _("Registered a company")
    JOBS_COMPANY_VERIFIED = "jobs.company_verified", _("Verified a company")
    JOBS_MINIMUM_WAGE_SET = "jobs.minimum_wage_set", _("Set the minimum wage")
    JOBS_RULES_PUBLISHED = "jobs.rules_published", _("Published posting checker rules")
    JOBS_POSTING_CREATED = "jobs.posting_created", _("Wrote a job posting")
    JOBS_POSTING_CHANGED = "jobs.posting_changed", _("Changed a job posting")
    JOBS_POSTING_SUBMITTED = "jobs.posting_submitted", _("Submitted a job posting")
    JOBS_POSTING_APPROVED = "jobs.posting_approved", _("Approved a job posting")
    JOBS_POSTING_REJECTED = "jobs.posting_rejected", _("Sent a job posting back")
    JOBS_POSTING_TAKEN_DOWN = "jobs.posting_taken_down", _("Took down a job posting")
    JOBS_POSTING_REPORTED = "jobs.posting_reported", _("Reported a job posting")
    JOBS_REPORTS_DISMISSED = "jobs.reports_dismissed", _("Dismissed reports on a job posting")
    JOBS_POSTING_CLOSED = "jobs.posting_closed", _("Closed a job posting")
    JOBS_POSTING_EXPIRED = "jobs.posting_expired", _("A job posting expired")
    JOBS_EXPIRY_REMINDER_SENT = "jobs.expiry_reminder_sent", _("Reminded an employer of expiry")
    JOBS_SEARCH_SAVED = "jobs.search_saved", _("Saved a job search")
    JOBS_SEARCH_DELETED = "jobs.search_deleted", _("Deleted a saved job search")
    JOBS_SEARCH_ALERT_SENT = "jobs.search_alert_sent", _("Sent a job search alert")
    # Ratings and moderation (participation)
    PAGE_FEEDBACK_GIVEN = "page.feedback_given", _("Said whether a page was useful")
    SERVICE_RATED = "service.rated", _("Rated a service")
    CONTENT_REPORTED = "moderation.reported", _("Reported a public text")
    REPORT_RESOLVED = "moderation.resolved", _("Resolved a report")
    # Privacy (egov.privacy)
    FIELD_KEYS_ROTATED = "privacy.field_keys_rotated", _("Re-encrypted personal data")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    # A plain id, not a foreign key: the log must outlive the accounts it names,
    # and an ON DELETE action would have to update an append-only row.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    # Always an AuditAction value (audit.record takes nothing else). The choices
    # are not repeated in the schema so that adding an action needs no migration.
    action = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # "What happened to this thing?" is the question every timeline asks.
            models.Index(fields=["subject_type", "subject_id", "id"], name="audit_subject_idx"),
            # "What did this person do?" is the supervisor's question.
            models.Index(fields=["actor_id", "id"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        when = f"{self.occurred_at:%Y-%m-%d %H:%M:%S}"
        return f"{when} {self.action} {self.subject_type}:{self.subject_id}"

    def get_action_display(self) -> str:
        return str(AuditAction(self.action).label) if self.action in AuditAction else self.action
