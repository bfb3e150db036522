# Disaster recovery, us-west-2. Normally a standby: its own VPC (10.1.0.0/16, so it can be
# peered with production), a small EKS cluster, buckets, read access to the replicas of
# production's secrets, and a cross-region read replica of production's PostgreSQL (seconds
# behind). ECR images arrive by registry replication (global root), PostgreSQL's automated backups
# by RDS backup replication (production root). Setting activate = true promotes the replica to a
# standalone database (or, without a replica, restores the replicated backups) and creates the
# cache; then Argo CD deploys the production overlay here and DNS fails over (docs/deploy.md,
# "Disaster recovery").

locals {
  environment = "dr"
  name        = "pathavana-dr"
  azs         = ["us-west-2a", "us-west-2b", "us-west-2c"]
  tags = {
    environment = local.environment
    cost-center = var.cost_center
    project     = "pathavana"
    managed-by  = "terraform"
  }
}

provider "aws" {
  region = "us-west-2"
  default_tags {
    tags = local.tags
  }
}

module "vpc" {
  source = "../modules/vpc"

  name                 = local.name
  cidr_block           = "10.1.0.0/16"
  azs                  = local.azs
  public_subnet_cidrs  = ["10.1.10.0/24", "10.1.11.0/24", "10.1.12.0/24"]
  private_subnet_cidrs = ["10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24"]
  single_nat_gateway   = true
  cluster_name         = local.name
}

module "access" {
  source = "../modules/access"

  name = local.name
}

module "eks" {
  source = "../modules/eks"

  cluster_name           = local.name
  kubernetes_version     = var.kubernetes_version
  private_subnet_ids     = module.vpc.private_subnet_ids
  public_access_cidrs    = var.eks_public_access_cidrs
  on_demand_min_size     = 1
  on_demand_desired_size = 1
  on_demand_max_size     = 10
  spot_min_size          = 0
  spot_max_size          = 5

  access_entries = {
    operator = { principal_arn = module.access.operator_role_arn, access_policy = "cluster-admin" }
    readonly = { principal_arn = module.access.readonly_role_arn, access_policy = "view" }
  }
}

module "s3" {
  source = "../modules/s3"

  environment = local.environment
}

# Standby: a read replica of production (replicate_source_db), single-AZ, kept seconds behind.
# activate = true promotes it in place (replicate_source_db becomes null) and makes it Multi-AZ.
# Without a replica (production_database_arn null), activate restores the replicated backups.
module "rds" {
  source = "../modules/rds"
  count  = var.production_database_arn != null || var.activate ? 1 : 0
  providers = {
    aws               = aws
    aws.backup_region = aws
  }

  identifier                         = "pathavana-dr"
  instance_class                     = "db.t3.medium"
  multi_az                           = var.activate
  performance_insights_enabled       = true
  vpc_id                             = module.vpc.vpc_id
  subnet_ids                         = module.vpc.private_subnet_ids
  allowed_security_group_ids         = [module.eks.cluster_security_group_id]
  replicate_source_db                = var.activate ? null : var.production_database_arn
  restore_from_automated_backups_arn = var.production_database_arn == null ? var.replicated_backups_arn : null
  deletion_protection                = true
}

module "elasticache" {
  source = "../modules/elasticache"
  count  = var.activate ? 1 : 0

  name                       = "pathavana-dr"
  node_type                  = "cache.t3.medium"
  multi_az                   = true
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
}

# The External Secrets Operator here reads the us-west-2 replicas of production's secrets
# (module secrets in the production root replicates them).
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "external_secrets_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [module.eks.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_issuer}:sub"
      # The application's and, while the production overlay runs here, the monitoring stack's.
      values = [
        "system:serviceaccount:pathavana:pathavana-external-secrets",
        "system:serviceaccount:monitoring:monitoring-external-secrets",
        "system:serviceaccount:monitoring-agents:monitoring-external-secrets",
      ]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "external_secrets" {
  name               = "pathavana-dr-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.external_secrets_assume.json
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = ["arn:aws:secretsmanager:us-west-2:${data.aws_caller_identity.current.account_id}:secret:pathavana/production/*"]
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.us-west-2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "read-production-secret-replicas"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.external_secrets.json
}

module "budget" {
  source = "../modules/budgets"

  environment       = local.environment
  monthly_limit_usd = var.monthly_budget_usd
  alert_emails      = var.alert_emails
}
