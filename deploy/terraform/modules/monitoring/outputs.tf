output "sms_topic_arn" {
  description = "SNS topic of the P0 SMS alerts (alertmanager.yml, receiver pagerduty-and-sms)."
  value       = aws_sns_topic.alerts["sms"].arn
}

output "email_topic_arn" {
  description = "SNS topic of the P3 email alerts and the health-check alarm (alertmanager.yml, receiver email)."
  value       = aws_sns_topic.alerts["email"].arn
}

output "alertmanager_role_arn" {
  description = "IAM role of monitoring/alertmanager (its ServiceAccount's eks.amazonaws.com/role-arn)."
  value       = aws_iam_role.alertmanager.arn
}

output "secrets_role_arn" {
  description = "IAM role of the monitoring-external-secrets ServiceAccounts."
  value       = aws_iam_role.secrets.arn
}
