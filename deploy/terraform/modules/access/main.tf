# Who may act on an environment, and only with MFA (the platform document: "MFA: Required for
# production access"):
#   pathavana-<env>-operator   administrators (Terraform, kubectl as cluster-admin), assumed
#                              with MFA, for an hour at most
#   pathavana-<env>-readonly   looking without touching: the ViewOnlyAccess policy (no object or
#                              secret contents) and kubectl view, assumed with MFA
#   pathavana-<env>-operators  the IAM group of the people who may assume them; its members are
#                              denied everything but setting up their MFA device until they
#                              signed in with MFA (pathavana-<env>-require-mfa)
# EKS access entries for both roles are in modules/eks (access_entries).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id
}

# Everything is denied to a session without MFA, except what is needed to set MFA up and sign in.
data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid    = "DenyAllWithoutMfa"
    effect = "Deny"
    not_actions = [
      "iam:ChangePassword",
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetAccountPasswordPolicy",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "require_mfa" {
  name        = "${var.name}-require-mfa"
  description = "Deny every ${var.name} action to a session that did not sign in with MFA."
  policy      = data.aws_iam_policy_document.require_mfa.json
}

# Assumable by people of this account, with MFA used in the last hour.
data "aws_iam_policy_document" "assume_with_mfa" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(var.mfa_max_age_seconds)]
    }
  }
}

resource "aws_iam_role" "operator" {
  name                 = "${var.name}-operator"
  description          = "Administrators of ${var.name}: Terraform and cluster-admin. MFA required."
  assume_role_policy   = data.aws_iam_policy_document.assume_with_mfa.json
  max_session_duration = var.session_duration_seconds
}

resource "aws_iam_role_policy_attachment" "operator" {
  for_each = {
    admin       = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
    require_mfa = aws_iam_policy.require_mfa.arn
  }
  role       = aws_iam_role.operator.name
  policy_arn = each.value
}

resource "aws_iam_role" "readonly" {
  name                 = "${var.name}-readonly"
  description          = "Read-only view of ${var.name}: resources and their settings, not their contents. MFA required."
  assume_role_policy   = data.aws_iam_policy_document.assume_with_mfa.json
  max_session_duration = var.session_duration_seconds
}

resource "aws_iam_role_policy_attachment" "readonly" {
  for_each = {
    view        = "arn:${local.partition}:iam::aws:policy/job-function/ViewOnlyAccess"
    require_mfa = aws_iam_policy.require_mfa.arn
  }
  role       = aws_iam_role.readonly.name
  policy_arn = each.value
}

resource "aws_iam_group" "operators" {
  name = "${var.name}-operators"
}

resource "aws_iam_group_policy_attachment" "require_mfa" {
  group      = aws_iam_group.operators.name
  policy_arn = aws_iam_policy.require_mfa.arn
}

data "aws_iam_policy_document" "assume_roles" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.operator.arn, aws_iam_role.readonly.arn]
  }
}

resource "aws_iam_group_policy" "assume_roles" {
  name   = "assume-${var.name}-roles"
  group  = aws_iam_group.operators.name
  policy = data.aws_iam_policy_document.assume_roles.json
}
