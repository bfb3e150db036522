# Secrets Manager holds every Pathavana secret; the cluster reads them through the External
# Secrets Operator with an IRSA role that can read the application's secrets of its environment
# and nothing else. pathavana/{env}/monitoring (the monitoring stack's passwords and keys) is
# read by another role (modules/monitoring), never the application's. Terraform creates the
# secrets empty: values are written by an operator (docs/deploy.md, "Secrets"), so they never
# pass through Terraform state or this repository.

resource "aws_kms_key" "this" {
  description         = "pathavana/${var.environment}: Secrets Manager"
  enable_key_rotation = true
  multi_region        = length(var.replica_regions) > 0
}

resource "aws_kms_alias" "this" {
  name          = "alias/pathavana-${var.environment}-secrets"
  target_key_id = aws_kms_key.this.key_id
}

locals {
  descriptions = {
    app        = "Pathavana ${var.environment}: every secret setting of the backend, one JSON property per setting (ConnectionStrings__Pathavana, Redis__Configuration, ...)."
    monitoring = "Pathavana ${var.environment}: the monitoring stack's secrets (pagerduty_routing_key, slack_webhook_url, grafana_admin_password, elasticsearch_*_password, kibana_encryption_key, postgres_exporter_dsn, redis_exporter_*)."
  }
  application_secrets = concat(["app"], var.extra_secret_names)
}

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(concat(local.application_secrets, var.monitoring_secret ? ["monitoring"] : []))

  name                    = "pathavana/${var.environment}/${each.key}"
  description             = lookup(local.descriptions, each.key, "Pathavana ${var.environment}: ${each.key}")
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days

  dynamic "replica" {
    for_each = toset(var.replica_regions)
    content {
      region = replica.value
    }
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${var.service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "external_secrets" {
  name               = "pathavana-${var.environment}-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "read" {
  statement {
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
    ]
    resources = [for name in local.application_secrets : aws_secretsmanager_secret.this[name].arn]
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
  }
}

resource "aws_iam_role_policy" "read" {
  name   = "read-pathavana-${var.environment}-secrets"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.read.json
}
