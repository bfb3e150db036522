# The account's audit trail (the platform document: "Audit Logging: All secret access logged",
# SOC 2's access monitoring): every management API call in every region, including IAM, STS and
# Secrets Manager reads, into the logs bucket (pathavana-<env>-logs, kept 12 months by its
# lifecycle rules) with log file integrity validation. One trail covers the whole account; the
# bucket's policy lets only this trail write (modules/s3, cloudtrail_trail_name).

resource "aws_cloudtrail" "this" {
  name                          = var.name
  s3_bucket_name                = var.bucket_name
  s3_key_prefix                 = var.key_prefix
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}
