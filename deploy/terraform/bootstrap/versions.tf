terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
    }
  }

  # The one root with local state: it creates the bucket every other root keeps its state in.
  # Keep terraform.tfstate of this root somewhere safe (it is small and holds no secrets).
}
