# What the in-cluster monitoring stack (deploy/monitoring) needs from AWS:
#   SNS topics pathavana-<env>-alerts-sms and pathavana-<env>-alerts-email with their subscribers:
#     Alertmanager's SMS (P0) and email (P3) receivers publish to them; the Route 53 health check's
#     alarm uses the email topic
#   IAM role pathavana-<env>-alertmanager (IRSA, monitoring/alertmanager): publish to those topics
#   IAM role pathavana-<env>-monitoring-secrets (IRSA, monitoring-external-secrets in monitoring
#     and monitoring-agents): read pathavana/<env>/monitoring, and nothing of the application's
# The topics are encrypted with their own key, which CloudWatch alarms may use too.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  name    = "pathavana-${var.environment}"
}

data "aws_iam_policy_document" "alerts_key" {
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarms"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "alerts" {
  description         = "${local.name}: alert topics"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alerts_key.json
}

resource "aws_kms_alias" "alerts" {
  name          = "alias/${local.name}-alerts"
  target_key_id = aws_kms_key.alerts.key_id
}

resource "aws_sns_topic" "alerts" {
  for_each = toset(["sms", "email"])

  name              = "${local.name}-alerts-${each.key}"
  display_name      = "Pathavana"
  kms_master_key_id = aws_kms_key.alerts.arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.alerts["email"].arn
  protocol  = "email"
  endpoint  = each.value
}

# E.164 numbers (+15551234567). SMS needs the account out of the SNS SMS sandbox.
resource "aws_sns_topic_subscription" "sms" {
  for_each = toset(var.alert_sms_numbers)

  topic_arn = aws_sns_topic.alerts["sms"].arn
  protocol  = "sms"
  endpoint  = each.value
}

# ---- IRSA roles ---------------------------------------------------------------------------

data "aws_iam_policy_document" "alertmanager_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:monitoring:alertmanager"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "alertmanager" {
  name               = "${local.name}-alertmanager"
  assume_role_policy = data.aws_iam_policy_document.alertmanager_assume.json
}

data "aws_iam_policy_document" "alertmanager" {
  statement {
    actions   = ["sns:Publish"]
    resources = [for t in aws_sns_topic.alerts : t.arn]
  }

  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = [aws_kms_key.alerts.arn]
  }
}

resource "aws_iam_role_policy" "alertmanager" {
  name   = "publish-alerts"
  role   = aws_iam_role.alertmanager.id
  policy = data.aws_iam_policy_document.alertmanager.json
}

data "aws_iam_policy_document" "secrets_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values = [
        "system:serviceaccount:monitoring:monitoring-external-secrets",
        "system:serviceaccount:monitoring-agents:monitoring-external-secrets",
      ]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "secrets" {
  name               = "${local.name}-monitoring-secrets"
  assume_role_policy = data.aws_iam_policy_document.secrets_assume.json
}

data "aws_iam_policy_document" "secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.monitoring_secret_arn]
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "secrets" {
  name   = "read-${local.name}-monitoring-secret"
  role   = aws_iam_role.secrets.id
  policy = data.aws_iam_policy_document.secrets.json
}
