variable "name" {
  type        = string
  description = "The trail's name (the logs bucket's policy names it too)."
  default     = "pathavana-account"
}

variable "bucket_name" {
  type        = string
  description = "The logs bucket the trail writes to (modules/s3's logs bucket, created with cloudtrail_trail_name set)."
}

variable "key_prefix" {
  type        = string
  description = "Prefix of the trail's objects in the bucket."
  default     = "cloudtrail"
}
