# Staging, us-east-1: production's shape at a smaller size (single NAT, no Multi-AZ data tier,
# no cross-region copies). Its own VPC and cluster; same address plan as production.

locals {
  environment = "staging"
  name        = "pathavana-staging"
  azs         = ["us-east-1a", "us-east-1b", "us-east-1c"]
  tags = {
    environment = local.environment
    cost-center = var.cost_center
    project     = "pathavana"
    managed-by  = "terraform"
  }
  public_names = ["staging.${var.domain}"]
  # CloudFront's origin and the health check's target (deploy/k8s/base/ingress.yaml).
  origin_name = "origin.staging.${var.domain}"
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = local.tags
  }
}

data "aws_route53_zone" "this" {
  name = var.domain
}

module "vpc" {
  source = "../modules/vpc"

  name                 = local.name
  cidr_block           = "10.0.0.0/16"
  azs                  = local.azs
  public_subnet_cidrs  = ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"]
  private_subnet_cidrs = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
  single_nat_gateway   = true
  cluster_name         = local.name
}

# Operators and read-only users: IAM roles assumed with MFA; everything else denied without MFA.
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
  node_instance_types    = ["t3.medium"]
  on_demand_min_size     = 2
  on_demand_desired_size = 2
  on_demand_max_size     = 4
  spot_min_size          = 0
  spot_max_size          = 5

  cert_manager_hosted_zone_arns = [data.aws_route53_zone.this.arn]

  access_entries = {
    operator = { principal_arn = module.access.operator_role_arn, access_policy = "cluster-admin" }
    readonly = { principal_arn = module.access.readonly_role_arn, access_policy = "view" }
  }
}

module "rds" {
  source = "../modules/rds"
  providers = {
    aws               = aws
    aws.backup_region = aws
  }

  identifier                 = local.name
  instance_class             = "db.t3.small"
  multi_az                   = false
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  backup_retention_days      = 7
  cross_region_backup_copy   = false
  deletion_protection        = true
}

module "elasticache" {
  source = "../modules/elasticache"

  name                       = local.name
  node_type                  = "cache.t3.small"
  multi_az                   = false
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
}

module "s3" {
  source = "../modules/s3"

  environment = local.environment
}

module "secrets" {
  source = "../modules/secrets"

  environment       = local.environment
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  namespace         = "pathavana-staging"
}

# The backup CronJobs' role (pathavana-backup): snapshots and point-in-time restores of the
# instance through the RDS API (pathavana backup, restore --to, restore-drill).
module "backup" {
  source = "../modules/backup"

  environment       = local.environment
  namespace         = "pathavana-staging"
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  mode              = "rds"
  rds_instance_arn  = module.rds.arn
  rds_kms_key_arn   = module.rds.kms_key_arn
}

# The monitoring stack's AWS side: alert topics, Alertmanager's and the monitoring secrets' IRSA roles.
module "monitoring" {
  source = "../modules/monitoring"

  environment           = local.environment
  oidc_provider_arn     = module.eks.oidc_provider_arn
  oidc_issuer           = module.eks.oidc_issuer
  monitoring_secret_arn = module.secrets.monitoring_secret_arn
  secrets_kms_key_arn   = module.secrets.kms_key_arn
  alert_emails          = var.alert_emails
}

module "certificate" {
  source = "../modules/acm"

  domain_name               = "staging.${var.domain}"
  subject_alternative_names = []
  zone_id                   = data.aws_route53_zone.this.zone_id
}

module "edge" {
  source = "../modules/edge"
  count  = var.ingress_load_balancer_hostname == null ? 0 : 1

  name               = local.name
  aliases            = local.public_names
  certificate_arn    = module.certificate.certificate_arn
  origin_domain_name = local.origin_name
}

module "dns" {
  source = "../modules/dns"
  count  = var.ingress_load_balancer_hostname == null ? 0 : 1

  zone_id            = data.aws_route53_zone.this.zone_id
  names              = local.public_names
  target_domain_name = module.edge[0].distribution_domain_name
  target_zone_id     = module.edge[0].distribution_hosted_zone_id
  origin_name        = local.origin_name
  origin_target      = var.ingress_load_balancer_hostname
  alarm_topic_arn    = module.monitoring.email_topic_arn
}

module "budget" {
  source = "../modules/budgets"

  environment       = local.environment
  monthly_limit_usd = var.monthly_budget_usd
  alert_emails      = var.alert_emails
}
