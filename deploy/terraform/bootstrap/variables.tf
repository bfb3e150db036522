variable "state_bucket" {
  type        = string
  description = "Name of the Terraform state bucket (globally unique; change it and every root's backend block together)."
  default     = "pathavana-terraform-state"
}
