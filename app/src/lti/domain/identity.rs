//! Whose account an LMS identity opens. An LMS is not an identity provider
//! Sinergi can believe blindly: a self-registering Moodle lets anyone choose
//! the username its `nip=$User.username` parameter sends. So a NIP from the
//! LMS only *proposes* an existing account, and the link is made without an
//! admin only when all three hold: the admin trusts that platform's identity
//! claims, the account carries no staff rights (taking over a participant is
//! bad; taking over an admin is the whole installation), and the account is
//! not already someone's identity on an LMS.

/// The existing account a proposed NIP points at, as far as the rule cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Admin, facilitator or evaluator, as an account role or in any class.
    pub staff: bool,
    /// Already opened by another LMS identity (this or another platform).
    pub linked: bool,
}

/// What the launch does with the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Nothing proposed, or nobody has that NIP: a new account.
    New,
    /// Open the proposed account.
    Existing,
    /// A separate new account; the proposal is logged for the admin.
    Refused(Refusal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Untrusted,
    Staff,
    AlreadyLinked,
}

impl Link {
    /// The outcome as stored in `lti_identity_log`.
    pub fn code(self) -> &'static str {
        match self {
            Link::New => "created",
            Link::Existing => "nip",
            Link::Refused(Refusal::Untrusted) => "refused_untrusted",
            Link::Refused(Refusal::Staff) => "refused_staff",
            Link::Refused(Refusal::AlreadyLinked) => "refused_linked",
        }
    }
}

/// The rule. Staff is checked before trust so the log names the stronger reason.
pub fn decide(trusted: bool, candidate: Option<Candidate>) -> Link {
    match candidate {
        None => Link::New,
        Some(c) if c.staff => Link::Refused(Refusal::Staff),
        Some(c) if c.linked => Link::Refused(Refusal::AlreadyLinked),
        Some(_) if !trusted => Link::Refused(Refusal::Untrusted),
        Some(_) => Link::Existing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trusted_platform_opens_an_unlinked_participant() {
        let plain = Candidate {
            staff: false,
            linked: false,
        };
        assert_eq!(decide(true, Some(plain)), Link::Existing);
        assert_eq!(decide(false, Some(plain)), Link::Refused(Refusal::Untrusted));
        assert_eq!(decide(false, None), Link::New);
        assert_eq!(decide(true, None), Link::New);
    }

    #[test]
    fn every_combination_but_one_is_refused() {
        for trusted in [false, true] {
            for staff in [false, true] {
                for linked in [false, true] {
                    let got = decide(trusted, Some(Candidate { staff, linked }));
                    let allowed = trusted && !staff && !linked;
                    assert_eq!(got == Link::Existing, allowed, "{trusted} {staff} {linked}");
                    if staff {
                        assert_eq!(got, Link::Refused(Refusal::Staff));
                    }
                }
            }
        }
    }
}
