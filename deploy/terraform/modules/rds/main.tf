# RDS PostgreSQL 15: encrypted with a customer-managed KMS key, TLS required, automated daily
# backups with point-in-time recovery, Multi-AZ where asked, and a copy of the automated backups
# in the disaster-recovery region. The same module makes the disaster-recovery region's database:
# a cross-region read replica of production (replicate_source_db), promoted to a standalone
# instance by setting replicate_source_db to null, or a restore of the replicated backups.

locals {
  replica = var.replicate_source_db != null
  # A new, empty database: neither a replica nor a restore.
  fresh = !local.replica && var.restore_from_automated_backups_arn == null
}

resource "aws_kms_key" "this" {
  description         = "${var.identifier}: RDS storage and backups"
  enable_key_rotation = true
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.identifier}-rds"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.identifier}-rds"
  description = "PostgreSQL from the EKS cluster only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from ${each.value}"
}

resource "aws_db_parameter_group" "this" {
  name   = "${var.identifier}-pg15"
  family = "postgres15"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "this" {
  identifier     = var.identifier
  engine         = local.replica ? null : "postgres"
  engine_version = local.replica ? null : var.engine_version
  instance_class = var.instance_class

  # A replica follows its source (cross-region: by ARN); removing it promotes the replica.
  replicate_source_db = var.replicate_source_db

  db_name                     = local.fresh ? var.database_name : null
  username                    = local.fresh ? var.master_username : null
  manage_master_user_password = local.fresh ? true : null

  allocated_storage     = local.replica ? null : var.allocated_storage_gb
  max_allocated_storage = var.max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.this.arn

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period  = var.backup_retention_days
  backup_window            = var.backup_window
  maintenance_window       = var.maintenance_window
  copy_tags_to_snapshot    = true
  delete_automated_backups = false

  auto_minor_version_upgrade   = true
  performance_insights_enabled = var.performance_insights_enabled
  enabled_cloudwatch_logs_exports = [
    "postgresql",
    "upgrade",
  ]

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = var.deletion_protection ? "${var.identifier}-final" : null

  dynamic "restore_to_point_in_time" {
    for_each = var.restore_from_automated_backups_arn == null ? [] : [var.restore_from_automated_backups_arn]
    content {
      source_db_instance_automated_backups_arn = restore_to_point_in_time.value
      use_latest_restorable_time               = true
    }
  }
}

# ---- cross-region copy of the automated backups ---------------------------------------------

resource "aws_kms_key" "backup_region" {
  count    = var.cross_region_backup_copy ? 1 : 0
  provider = aws.backup_region

  description         = "${var.identifier}: replicated RDS backups"
  enable_key_rotation = true
}

resource "aws_db_instance_automated_backups_replication" "this" {
  count    = var.cross_region_backup_copy ? 1 : 0
  provider = aws.backup_region

  source_db_instance_arn = aws_db_instance.this.arn
  kms_key_id             = aws_kms_key.backup_region[0].arn
  retention_period       = var.cross_region_backup_retention_days
}
