# Production, us-east-1: the platform document's full stack. Apply after bootstrap and global
# (docs/deploy.md, "From an empty AWS account").

locals {
  environment = "production"
  name        = "pathavana-production"
  azs         = ["us-east-1a", "us-east-1b", "us-east-1c"]
  tags = {
    environment = local.environment
    cost-center = var.cost_center
    project     = "pathavana"
    managed-by  = "terraform"
  }
  public_names = [var.domain, "www.${var.domain}"]
  # CloudFront's origin and the health check's target; the ingress serves and certifies it
  # (deploy/k8s/base/ingress.yaml: origin.<the overlay's public host>).
  origin_name = "origin.${var.domain}"
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = local.tags
  }
}

# The disaster-recovery region: replicated backups and secrets.
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
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
  # One NAT gateway per zone: losing a zone must not cut the others off from the vendor APIs.
  single_nat_gateway = false
  cluster_name       = local.name
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
  on_demand_desired_size = 3
  on_demand_max_size     = 10
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
    aws.backup_region = aws.dr
  }

  identifier                   = local.name
  instance_class               = "db.t3.medium"
  multi_az                     = true
  performance_insights_enabled = true
  vpc_id                       = module.vpc.vpc_id
  subnet_ids                   = module.vpc.private_subnet_ids
  allowed_security_group_ids   = [module.eks.cluster_security_group_id]
  backup_retention_days        = 7
  cross_region_backup_copy     = true
  deletion_protection          = true
}

module "elasticache" {
  source = "../modules/elasticache"

  name                       = local.name
  node_type                  = "cache.t3.medium"
  multi_az                   = true
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
}

module "s3" {
  source = "../modules/s3"

  environment           = local.environment
  cloudtrail_trail_name = "pathavana-account"
}

# One trail for the whole account (every region), into production's logs bucket.
module "cloudtrail" {
  source = "../modules/cloudtrail"

  name        = "pathavana-account"
  bucket_name = module.s3.bucket_names["logs"]

  depends_on = [module.s3]
}

module "secrets" {
  source = "../modules/secrets"

  environment       = local.environment
  replica_regions   = ["us-west-2"]
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  namespace         = "pathavana"
}

# The backup CronJobs' role (pathavana-backup): snapshots and point-in-time restores of the
# instance through the RDS API (pathavana backup, restore --to, restore-drill).
module "backup" {
  source = "../modules/backup"

  environment       = local.environment
  namespace         = "pathavana"
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  mode              = "rds"
  rds_instance_arn  = module.rds.arn
  rds_kms_key_arn   = module.rds.kms_key_arn
}

# The monitoring stack's AWS side: alert topics (SMS, email), Alertmanager's and the monitoring
# secrets' IRSA roles.
module "monitoring" {
  source = "../modules/monitoring"

  environment           = local.environment
  oidc_provider_arn     = module.eks.oidc_provider_arn
  oidc_issuer           = module.eks.oidc_issuer
  monitoring_secret_arn = module.secrets.monitoring_secret_arn
  secrets_kms_key_arn   = module.secrets.kms_key_arn
  alert_emails          = var.alert_emails
  alert_sms_numbers     = var.alert_sms_numbers
}

module "certificate" {
  source = "../modules/acm"

  domain_name               = var.domain
  subject_alternative_names = ["www.${var.domain}"]
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

# The recovery region's load balancer, when the application runs there (docs/deploy.md,
# "Disaster recovery"): the public names fail over to it.
data "aws_elb_hosted_zone_id" "dr" {
  count    = var.dr_ingress_load_balancer_hostname == null ? 0 : 1
  provider = aws.dr

  load_balancer_type = "network"
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
  failover_target = var.dr_ingress_load_balancer_hostname == null ? null : {
    domain_name = var.dr_ingress_load_balancer_hostname
    zone_id     = data.aws_elb_hosted_zone_id.dr[0].id
  }
}

module "budget" {
  source = "../modules/budgets"

  environment       = local.environment
  monthly_limit_usd = var.monthly_budget_usd
  alert_emails      = var.alert_emails
}
