variable "repositories" {
  type        = list(string)
  description = "Repository names."
  default     = ["pathavana/backend", "pathavana/web"]
}

variable "keep_tagged_images" {
  type        = number
  description = "How many release-tagged images each repository keeps."
  default     = 50
}

variable "untagged_expiry_days" {
  type        = number
  description = "Days before an untagged image is deleted."
  default     = 7
}

variable "replication_regions" {
  type        = list(string)
  description = "Regions every image is replicated to (disaster recovery: us-west-2)."
  default     = []
}
