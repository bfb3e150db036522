# Development, us-east-1: a small cluster, mostly spot capacity. PostgreSQL and Redis run inside
# the cluster (deploy/k8s/components/in-cluster-data), so there is no RDS or ElastiCache here.

locals {
  environment = "dev"
  name        = "pathavana-dev"
  azs         = ["us-east-1a", "us-east-1b", "us-east-1c"]
  tags = {
    environment = local.environment
    cost-center = var.cost_center
    project     = "pathavana"
    managed-by  = "terraform"
  }
  public_names = ["dev.${var.domain}"]
  # CloudFront's origin and the health check's target (deploy/k8s/base/ingress.yaml).
  origin_name = "origin.dev.${var.domain}"
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
  on_demand_min_size     = 1
  on_demand_desired_size = 1
  on_demand_max_size     = 3
  spot_min_size          = 0
  spot_max_size          = 5
  # Dev runs on whatever capacity is cheapest.
  taint_spot_nodes = false

  cert_manager_hosted_zone_arns = [data.aws_route53_zone.this.arn]

  access_entries = {
    operator = { principal_arn = module.access.operator_role_arn, access_policy = "cluster-admin" }
    readonly = { principal_arn = module.access.readonly_role_arn, access_policy = "view" }
  }
}

module "s3" {
  source = "../modules/s3"

  environment   = local.environment
  force_destroy = true
}

module "secrets" {
  source = "../modules/secrets"

  environment        = local.environment
  extra_secret_names = ["postgres", "redis"]
  oidc_provider_arn  = module.eks.oidc_provider_arn
  oidc_issuer        = module.eks.oidc_issuer
  namespace          = "pathavana-dev"
}

# The in-cluster PostgreSQL's backups: pgBackRest's repository under pgbackrest/ in the backups
# bucket, written by the backup CronJobs (pathavana-backup) and PostgreSQL's archive_command
# (pathavana-postgres), both through IRSA (repo1-s3-key-type=web-id).
module "backup" {
  source = "../modules/backup"

  environment        = local.environment
  namespace          = "pathavana-dev"
  oidc_provider_arn  = module.eks.oidc_provider_arn
  oidc_issuer        = module.eks.oidc_issuer
  mode               = "pgbackrest"
  backups_bucket_arn = module.s3.bucket_arns["backups"]
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

  domain_name               = "dev.${var.domain}"
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
