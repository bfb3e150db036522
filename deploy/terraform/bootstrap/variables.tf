variable "state_bucket" {
  type        = string
  description = "Name of the Terraform state bucket (globally unique; change it and every root's backend block together)."
  default     = "pathavana-terraform-state"
}

variable "replica_region" {
  type        = string
  description = "Region of the state bucket's replica (the disaster-recovery region); the replica is <state_bucket>-<region>."
  default     = "us-west-2"
}
