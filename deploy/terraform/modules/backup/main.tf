# IRSA roles of the database backups (docs/runbooks/backup.md), in one of two modes:
#   rds (staging, production): pathavana-<env>-backup, for the backup CronJobs' ServiceAccount
#     pathavana-backup, calls the RDS API as src/Pathavana/Platform/Backup/RdsBackups.cs does:
#     manual snapshots of the instance, point-in-time restores into new instances named
#     <instance>-…, and deleting the drill's <instance>-drill-… instances. Nothing else.
#   pgbackrest (dev, in-cluster PostgreSQL): pathavana-<env>-backup reads, writes, lists and
#     expires the pgBackRest repository under pgbackrest/ in the backups bucket (backups,
#     retention, restore drills); pathavana-<env>-postgres, for the PostgreSQL pod's
#     ServiceAccount pathavana-postgres, only pushes WAL there (archive_command) and never deletes.
# The mode is a plan-time variable rather than inferred from which ARN is set: the bucket's and the
# instance's ARNs are unknown until they exist, and the postgres role's count must be known at plan.

locals {
  rds        = var.mode == "rds"
  pgbackrest = var.mode == "pgbackrest"

  # arn:<partition>:rds:<region>:<account>:db:<instance>. Snapshots, restored instances and the
  # subnet group are named after the instance, in its region and account.
  rds_arn_parts = local.rds ? split(":", var.rds_instance_arn) : []
  rds_prefix    = local.rds ? join(":", slice(local.rds_arn_parts, 0, 5)) : null
  rds_region    = local.rds ? local.rds_arn_parts[3] : null
  instance      = local.rds ? local.rds_arn_parts[6] : null

  # pgbackrest.conf: repo1-path=/pgbackrest, so every object of the repository is under pgbackrest/.
  repository_prefix = "pgbackrest"
  # The backup job writes backups and expires old ones with their WAL (repo1-retention-full), so it
  # deletes; archive-push reads archive.info and writes WAL segments and never deletes, so a
  # compromised database pod cannot erase the backups.
  repository_actions = {
    backup   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    postgres = ["s3:GetObject", "s3:PutObject"]
  }
}

# ---- trust: the ServiceAccounts of this environment's namespace, through the cluster's OIDC provider

data "aws_iam_policy_document" "assume" {
  for_each = toset(concat(["pathavana-backup"], local.pgbackrest ? ["pathavana-postgres"] : []))

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  name               = "pathavana-${var.environment}-backup"
  assume_role_policy = data.aws_iam_policy_document.assume["pathavana-backup"].json

  lifecycle {
    precondition {
      condition     = local.rds ? var.rds_instance_arn != null && var.backups_bucket_arn == null : var.backups_bucket_arn != null && var.rds_instance_arn == null
      error_message = "mode \"rds\" takes rds_instance_arn (and no backups_bucket_arn); mode \"pgbackrest\" takes backups_bucket_arn (and no rds_instance_arn)."
    }
  }
}

# ---- rds mode ----------------------------------------------------------------------------------

data "aws_iam_policy_document" "rds" {
  count = local.rds ? 1 : 0

  # backup run: a manual snapshot pathavana-backup-<instance>-<time> of the instance, tagged
  # created-by (tags on create need AddTagsToResource on the new snapshot); then this job's older
  # snapshots are pruned. Neither the instance nor any other snapshot can be tagged or deleted.
  statement {
    sid       = "Snapshots"
    actions   = ["rds:CreateDBSnapshot"]
    resources = [var.rds_instance_arn, "${local.rds_prefix}:snapshot:pathavana-backup-${local.instance}-*"]
  }

  statement {
    sid       = "TagAndPruneOwnSnapshots"
    actions   = ["rds:AddTagsToResource", "rds:DeleteDBSnapshot"]
    resources = ["${local.rds_prefix}:snapshot:pathavana-backup-${local.instance}-*"]
  }

  # list, verify and every wait read metadata only, never data. Scoped to the account and region,
  # not to names: a listing by instance also answers the automated snapshots (rds:<instance>-…),
  # and a describe that is denied would break verify while protecting nothing.
  statement {
    sid     = "Describe"
    actions = ["rds:DescribeDBInstances", "rds:DescribeDBSnapshots"]
    resources = [
      "${local.rds_prefix}:db:*",
      "${local.rds_prefix}:snapshot:*",
    ]
  }

  # restore --to and the drill: RestoreDBInstanceToPointInTime is authorized against the source
  # instance, the new one (so restores may only create <instance>-… instances; --target must be
  # named so) and the subnet group it is created in (modules/rds names it after the instance).
  # The security groups need no permission: they are VPC security groups, which RDS attaches
  # through its service-linked role; the rds "secgrp" resource is the old DB security group.
  statement {
    sid     = "RestoreToPointInTime"
    actions = ["rds:RestoreDBInstanceToPointInTime"]
    resources = [
      var.rds_instance_arn,
      "${local.rds_prefix}:db:${local.instance}-*",
      "${local.rds_prefix}:subgrp:${local.instance}",
    ]
  }

  # The drill deletes its own temporary instance, <instance>-drill-<time>, and no other: a restore
  # made by an operator with --to is theirs to delete.
  statement {
    sid       = "DeleteDrillInstance"
    actions   = ["rds:DeleteDBInstance"]
    resources = ["${local.rds_prefix}:db:${local.instance}-drill-*"]
  }

  # The instance is encrypted with modules/rds's own key: RDS creates the restored instance's
  # storage (and a snapshot's) with a grant on that key, made on the caller's behalf.
  dynamic "statement" {
    for_each = var.rds_kms_key_arn == null ? [] : [var.rds_kms_key_arn]
    content {
      sid       = "UseTheInstancesKeyThroughRds"
      actions   = ["kms:CreateGrant", "kms:DescribeKey"]
      resources = [statement.value]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["rds.${local.rds_region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "rds" {
  count = local.rds ? 1 : 0

  name   = "rds-backup-and-restore"
  role   = aws_iam_role.backup.id
  policy = data.aws_iam_policy_document.rds[0].json
}

# ---- pgbackrest mode ---------------------------------------------------------------------------

# pgBackRest lists with a delimiter at the repository's root (prefix "" or "pgbackrest") and
# anywhere under pgbackrest/; both the backup job and PostgreSQL's archive-push list.
data "aws_iam_policy_document" "pgbackrest" {
  for_each = { for role, actions in local.repository_actions : role => actions if local.pgbackrest }

  statement {
    sid       = "ListRepositoryRoot"
    actions   = ["s3:ListBucket"]
    resources = [var.backups_bucket_arn]
    condition {
      test     = "StringEquals"
      variable = "s3:prefix"
      values   = ["", local.repository_prefix]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:delimiter"
      values   = ["/"]
    }
  }

  statement {
    sid       = "ListRepository"
    actions   = ["s3:ListBucket"]
    resources = [var.backups_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.repository_prefix}/*"]
    }
  }

  statement {
    sid       = "Objects"
    actions   = each.value
    resources = ["${var.backups_bucket_arn}/${local.repository_prefix}/*"]
  }
}

resource "aws_iam_role_policy" "backup_repository" {
  count = local.pgbackrest ? 1 : 0

  name   = "pgbackrest-repository"
  role   = aws_iam_role.backup.id
  policy = data.aws_iam_policy_document.pgbackrest["backup"].json
}

resource "aws_iam_role" "postgres" {
  count = local.pgbackrest ? 1 : 0

  name               = "pathavana-${var.environment}-postgres"
  assume_role_policy = data.aws_iam_policy_document.assume["pathavana-postgres"].json
}

resource "aws_iam_role_policy" "postgres_archive" {
  count = local.pgbackrest ? 1 : 0

  name   = "pgbackrest-archive-push"
  role   = aws_iam_role.postgres[0].id
  policy = data.aws_iam_policy_document.pgbackrest["postgres"].json
}
