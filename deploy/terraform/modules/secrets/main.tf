# Secrets Manager holds every Pathavana secret; the cluster reads them through the External
# Secrets Operator with an IRSA role that can read pathavana/{env}/* and nothing else. Terraform
# creates the secrets empty: values are written by an operator (docs/deploy.md, "Secrets"), so
# they never pass through Terraform state or this repository.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "this" {
  description         = "pathavana/${var.environment}: Secrets Manager"
  enable_key_rotation = true
  multi_region        = length(var.replica_regions) > 0
}

resource "aws_kms_alias" "this" {
  name          = "alias/pathavana-${var.environment}-secrets"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(concat(["app"], var.extra_secret_names))

  name                    = "pathavana/${var.environment}/${each.key}"
  description             = each.key == "app" ? "Pathavana ${var.environment}: every secret setting of the backend, one JSON property per setting (ConnectionStrings__Pathavana, Redis__Configuration, ...)." : "Pathavana ${var.environment}: ${each.key}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days

  dynamic "replica" {
    for_each = toset(var.replica_regions)
    content {
      region = replica.value
    }
  }
}

locals {
  secret_prefix_arn = "arn:${data.aws_partition.current.partition}:secretsmanager:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:secret:pathavana/${var.environment}/*"
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
    resources = [local.secret_prefix_arn]
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
