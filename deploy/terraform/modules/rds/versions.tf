terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
      # aws.backup_region: where automated backups are copied (disaster recovery).
      configuration_aliases = [aws.backup_region]
    }
  }
}
